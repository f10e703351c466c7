#!/usr/bin/env python3
"""Turns the JMH JSON results of bench/run.sh into bench/RESULTS.md.

Usage: report.py MACHINE_FILE NOTES_FILE RESULT.json [RESULT.json ...] > RESULTS.md

MACHINE_FILE holds "key: value" lines describing the machine and the run (written by run.sh);
NOTES_FILE is Markdown appended verbatim (what limits Kiln today). Each JSON file is one JMH run
(`-rf json`); a benchmark is identified by its class, method and parameters.

Every table row is one workload at one thread count. Times are JMH's average time per operation
(ms, mean over the measurement iterations, with JMH's 99.9% error when there were enough
iterations). A ratio is Kiln's time divided by the peer's time in the same run: 1.00 is parity,
above 1 Kiln is slower. GFLOP/s is the workload's floating-point operation count (below, the same
formulas as the Java workload classes' flops()) divided by the time; the GFLOP/s ratio is the
inverse of the time ratio.
"""
import json
import math
import sys


def sgemm_flops(p):
    m, n, k = (int(v) for v in p["shape"].split("x"))
    return 2.0 * m * n * k


def conv_flops(_p):
    return 2.0 * 64 * 56 * 56 * 64 * 3 * 3  # ConvLayer.flops()


def mlp_flops(p):
    b = int(p["batch"])
    return 2.0 * b * (784 * 512 + 512 * 512 + 512 * 10)  # Mlp.flops()


def encoder_flops(_p):
    t, d, ffn = 128, 256, 1024  # EncoderBlock.flops()
    return 2.0 * (4.0 * t * d * d + 2.0 * t * t * d + 2.0 * t * d * ffn)


# class -> (title, what it measures, row parameter, flops, Kiln methods, peer methods)
BENCHES = [
    ("SgemmBench", "sgemm (C = A·B, f32, row-major)",
     "M×N×K; `kiln` is `sgemm.kiln` (`a @ b`, its schedule `tensorize(i, \"jvm.gemm_f32\")`) compiled by `Kiln.compile`; "
     "`kiln intrinsic` is the runtime's Vector API `Intrinsics.sgemm` driver called directly.",
     "shape", sgemm_flops,
     [("kiln", "Kiln model"), ("kilnIntrinsic", "Kiln intrinsic")],
     [("openblas", "OpenBLAS"), ("onnxruntime", "ONNX Runtime")]),
    ("Conv2dBench", "conv2d 3×3 (ResNet layer: 1×64×56×56, 64 filters, pad 1)",
     "std/nn `conv2d` with Kiln's default schedule (padding as its own kernel, the convolution as GEMM calls) vs one ONNX Conv node.",
     None, conv_flops,
     [("kiln", "Kiln")], [("onnxruntime", "ONNX Runtime")]),
    ("MlpBench", "MLP 784-512-512-10 (ReLU, softmax)",
     "`mlp.kiln` (Kiln's default schedules) vs the same graph in ONNX Runtime; GFLOP/s counts the matrix products only.",
     "batch", mlp_flops,
     [("kiln", "Kiln")], [("onnxruntime", "ONNX Runtime")]),
    ("EncoderBench", "Transformer encoder block (T=128, d=256, 4 heads, FFN 1024)",
     "`encoder.kiln` (Kiln's default schedules) vs the equivalent ONNX graph; GFLOP/s counts the matrix products only.",
     None, encoder_flops,
     [("kiln", "Kiln")], [("onnxruntime", "ONNX Runtime")]),
]


def load(paths):
    """{(class, method, frozen params): (score_ms, error_ms)}"""
    out = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for r in json.load(f):
                cls, method = r["benchmark"].rsplit(".", 2)[-2:]
                params = r.get("params", {})
                m = r["primaryMetric"]
                if m["scoreUnit"] != "ms/op":
                    raise SystemExit(f"{path}: {r['benchmark']} is in {m['scoreUnit']}, expected ms/op")
                try:
                    err = float(m.get("scoreError"))
                except (TypeError, ValueError):
                    err = None
                if err is not None and math.isnan(err):  # JMH reports NaN for too few iterations
                    err = None
                out[(cls, method, tuple(sorted(params.items())))] = (float(m["score"]), err)
    return out


def fmt_time(t):
    score, err = t
    s = f"{score:.3f}" if score < 10 else f"{score:.1f}"
    if err is not None:
        s += f" ± {err:.2g}"
    return s


def table(results, cls, row_param, flops, kilns, peers):
    rows = sorted({k[2] for k in results if k[0] == cls},
                  key=lambda p: (dict(p).get(row_param) and tuple(int(x) for x in dict(p)[row_param].split("x")),
                                 int(dict(p)["threads"])))
    if not rows:
        return ["(not run)"]
    impls = kilns + peers
    head = ([row_param] if row_param else []) + ["threads"]
    head += [f"{label} ms (GFLOP/s)" for _, label in impls]
    head += [f"{kl} / {pl}" for _, kl in kilns for _, pl in peers]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p in rows:
        pd = dict(p)
        cells = ([pd[row_param]] if row_param else []) + [pd["threads"]]
        fl = flops(pd)
        times = {}
        for method, _ in impls:
            t = results.get((cls, method, p))
            times[method] = t
            cells.append("—" if t is None else f"{fmt_time(t)} ({fl / (t[0] * 1e-3) / 1e9:.1f})")
        for km, _ in kilns:
            for pm, _ in peers:
                k, q = times[km], times[pm]
                cells.append("—" if k is None or q is None else f"**{k[0] / q[0]:.2f}×**")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def dynamic_steps(path):
    """Control-flow steps on a DynamicBench path: the loop count after the colon, or 1 for an early exit."""
    _, _, tail = path.partition(":")
    return int(tail) if tail.isdigit() else 1


def dynamic_table(results):
    """DynamicBench: host module vs interpreted control flow vs the static equivalent on the same path."""
    rows = sorted({k[2] for k in results if k[0] == "DynamicBench"},
                  key=lambda p: (int(dict(p)["threads"]), dict(p)["path"]))
    if not rows:
        return ["(not run)"]
    lines = ["| model:path | steps | threads | host module ms | interpreted ms | static path ms | host / static "
             "| host overhead per step µs | interpreted − host per step µs |", "|" + "---|" * 9]
    for p in rows:
        pd = dict(p)
        t = {m: results.get(("DynamicBench", m, p)) for m in ("host", "interpreted", "staticPath")}
        n = dynamic_steps(pd["path"])
        cells = [pd["path"], str(n), pd["threads"]] + ["—" if t[m] is None else fmt_time(t[m])
                                                      for m in ("host", "interpreted", "staticPath")]
        if t["host"] and t["staticPath"]:
            cells += [f"**{t['host'][0] / t['staticPath'][0]:.2f}×**", f"{(t['host'][0] - t['staticPath'][0]) * 1000 / n:.2f}"]
        else:
            cells += ["—", "—"]
        cells.append("—" if not (t["host"] and t["interpreted"]) else f"{(t['interpreted'][0] - t['host'][0]) * 1000 / n:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


IMPORTED_MODELS = [("minilm", "all-MiniLM-L6-v2, batch 1, sequence 128"),
                   ("ocr", "PaddleOCR direction classifier, 1×3×48×192")]


def imported_table(results):
    """ImportedModelsBench: pretrained ONNX models, ONNX Runtime on the file vs Kiln on `kiln import` of it."""
    order = {m: i for i, (m, _) in enumerate(IMPORTED_MODELS)}
    rows = sorted({k[2] for k in results if k[0] == "ImportedModelsBench"},
                  key=lambda p: (order.get(dict(p)["model"], len(order)), int(dict(p)["threads"])))
    if not rows:
        return ["(not run)"]
    lines = ["| model | threads | Kiln ms | ONNX Runtime ms | Kiln / ONNX Runtime |", "|" + "---|" * 5]
    titles = dict(IMPORTED_MODELS)
    for p in rows:
        pd = dict(p)
        k = results.get(("ImportedModelsBench", "kiln", p))
        o = results.get(("ImportedModelsBench", "onnxruntime", p))
        cells = [titles.get(pd["model"], pd["model"]), pd["threads"],
                 "—" if k is None else fmt_time(k), "—" if o is None else fmt_time(o),
                 "—" if k is None or o is None else f"**{k[0] / o[0]:.2f}×**"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def targets(results):
    """The issue's targets, each checked against this run's numbers."""
    lines = ["## Targets of the issue, against this run", "",
             "| target | threads | reached | verdict |", "|---|---|---|---|"]
    threads = sorted({int(dict(k[2])["threads"]) for k in results})

    def find(cls, method, t, **params):
        for (c, m, p), v in results.items():
            d = dict(p)
            if c == cls and m == method and int(d["threads"]) == t and all(d.get(a) == b for a, b in params.items()):
                return v
        return None

    for t in threads:
        blas = find("SgemmBench", "openblas", t, shape="1024x1024x1024")
        for method, label in (("kiln", "Kiln model"), ("kilnIntrinsic", "Kiln intrinsic")):
            k = find("SgemmBench", method, t, shape="1024x1024x1024")
            if k and blas:
                share = blas[0] / k[0]
                lines.append(f"| sgemm 1024³ ≥ 90% of OpenBLAS GFLOP/s ({label}) | {t} | {share:.0%} | "
                             f"{'met' if share >= 0.9 else f'missed by {0.9 - share:.0%} of OpenBLAS'} |")
        for cls, label, params in (("MlpBench", "MLP batch 64", {"batch": "64"}),
                                   ("Conv2dBench", "conv2d layer", {}),
                                   ("EncoderBench", "encoder block", {})):
            k = find(cls, "kiln", t, **params)
            o = find(cls, "onnxruntime", t, **params)
            if k and o:
                r = k[0] / o[0]
                lines.append(f"| {label} latency ≤ ONNX Runtime's | {t} | {r:.2f}× ORT's time | "
                             f"{'met' if r <= 1 else f'missed: {r:.1f}× slower'} |")
        for model, label in (("minilm", "MiniLM seq128"), ("ocr", "OCR classifier")):
            k = find("ImportedModelsBench", "kiln", t, model=model)
            o = find("ImportedModelsBench", "onnxruntime", t, model=model)
            if k and o:
                r = k[0] / o[0]
                lines.append(f"| {label} (imported ONNX) latency ≤ ONNX Runtime's | {t} | {r:.2f}× ORT's time | "
                             f"{'met' if r <= 1 else f'missed: {r:.1f}× slower'} |")
        for (c, m, p), v in sorted(results.items()):
            d = dict(p)
            if c == "DynamicBench" and m == "host" and int(d["threads"]) == t:
                u = results.get((c, "staticPath", p))
                if u:
                    per_step = (v[0] - u[0]) * 1000 / dynamic_steps(d["path"])
                    r = v[0] / u[0]
                    lines.append(f"| dynamic {d['path']}: host overhead per step < 2 µs | {t} | {per_step:.2f} µs | "
                                 f"{'met' if per_step < 2 else 'missed'} |")
                    lines.append(f"| dynamic {d['path']} within 5% of its static equivalent | {t} | {r:.2f}× | "
                                 f"{'met' if r <= 1.05 else f'missed by {r - 1.05:.0%}'} |")
    return lines + [""]


def main(argv):
    if len(argv) < 4:
        raise SystemExit(__doc__)
    machine_file, notes_file, paths = argv[1], argv[2], argv[3:]
    results = load(paths)
    out = ["# Kiln beside OpenBLAS and ONNX Runtime — benchmark results", "",
           "Written by `bench/run.sh` (see `bench/README.md`); do not edit by hand.", "", "## Machine and run", ""]
    with open(machine_file, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                key, _, value = line.partition(": ")
                out.append(f"- **{key}**: {value}")
    out += ["", "Times are JMH average time per call in ms (± JMH's 99.9% error when reported); "
            "ratios are Kiln's time / the peer's time in the same run (1.00× = parity, above 1 Kiln is "
            "slower; the GFLOP/s ratio is the inverse). Every implementation's output was checked "
            "against the reference (OpenBLAS for sgemm, ONNX Runtime otherwise) before it was timed.", ""]
    for cls, title, what, row_param, flops, kilns, peers in BENCHES:
        out += [f"## {title}", "", what, ""]
        out += table(results, cls, row_param, flops, kilns, peers)
        out.append("")
    out += ["## Dynamic models: RNN, GRU, LSTM, adaptive depth, early exit (width 64)", "",
            "`DynamicBench` (cases in `bench/.../model/DynamicModels.java`): the same weights and input run by the "
            "model compiled with its host module (control flow as generated bytecode), by the same plan and kernels "
            "with the control flow interpreted, and by the static equivalent on the same path (loop bodies written "
            "out, or the early exit's straight line). `model:T` loops T times; overheads are per control-flow step.", ""]
    out += dynamic_table(results)
    out.append("")
    out += ["## Imported pretrained ONNX models", "",
            "`ImportedModelsBench`: each model file as published, run by ONNX Runtime, against Kiln running the "
            "program `kiln import` wrote from the same file (`OnnxImporter`, then `Kiln.compile`), same input. "
            "MiniLM: real-vocabulary token ids, mask all ones, imported with symbolic batch and sequence dims; "
            "OCR: uniform input in [-1, 1), imported with the input shape fixed to 1×3×48×192. Kiln's rows had 8 warm-up "
            "iterations of 2 s (its few hundred generated kernels need about a hundred runs to be JIT-compiled). (The issue measured "
            "ONNX Runtime on MiniLM at sequence 128 at 27.1 ms on 1 thread and 16.0 ms on 2 on its machine.)", ""]
    out += imported_table(results)
    out.append("")
    out += targets(results)
    with open(notes_file, encoding="utf-8") as f:
        out.append(f.read().rstrip("\n"))
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv)
