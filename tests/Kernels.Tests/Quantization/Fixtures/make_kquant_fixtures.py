"""Writes the K-quant dequantization fixtures: random ggml blocks and what gguf-py's reference dequantizer makes of them.

Run outside the repository with llama.cpp's gguf-py on the path (its commit is recorded in README.md here):
    PYTHONPATH=/path/to/llama.cpp/gguf-py python3 make_kquant_fixtures.py OUTPUT_FOLDER
gguf-py imports sentencepiece at package import; an empty stand-in module is enough for dequantization.
"""
import sys
import numpy as np
from gguf import quants, GGMLQuantizationType as T

BLOCKS = 8
rng = np.random.default_rng(20261206)


def halves(low, high, count):
    return rng.uniform(low, high, count).astype(np.float16).view(np.uint8).reshape(count, 2)


def random_bytes(count, width):
    return rng.integers(0, 256, size=(count, width), dtype=np.uint8)


def q4_k():  # d, dmin, 12 packed 6-bit scales and mins, 128 bytes of nibbles
    return np.concatenate([halves(-0.05, 0.05, BLOCKS), halves(-0.05, 0.05, BLOCKS), random_bytes(BLOCKS, 12), random_bytes(BLOCKS, 128)], axis=1)


def q5_k():  # as Q4_K plus 32 bytes of fifth bits before the nibbles
    return np.concatenate([halves(-0.05, 0.05, BLOCKS), halves(-0.05, 0.05, BLOCKS), random_bytes(BLOCKS, 12), random_bytes(BLOCKS, 32), random_bytes(BLOCKS, 128)], axis=1)


def q6_k():  # 128 bytes of low nibbles, 64 of high bit pairs, 16 signed scales, d
    return np.concatenate([random_bytes(BLOCKS, 128), random_bytes(BLOCKS, 64), random_bytes(BLOCKS, 16), halves(-0.01, 0.01, BLOCKS)], axis=1)


def main(folder):
    for name, qtype, make in (("q4_k", T.Q4_K, q4_k), ("q5_k", T.Q5_K, q5_k), ("q6_k", T.Q6_K, q6_k)):
        blocks = np.ascontiguousarray(make())
        values = quants.dequantize(blocks, qtype).astype("<f4")
        blocks.tofile(f"{folder}/{name}.blocks")
        values.tofile(f"{folder}/{name}.f32")
        print(name, blocks.shape, values.shape)


if __name__ == "__main__":
    main(sys.argv[1])
