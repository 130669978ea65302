"""Largest tests: half zeros and half 2^30 - 1 (the largest possible sum), random values, and one high bit."""

import random


def solve(a: list[int]) -> int:
    n = len(a)
    # All numbers as 30-character binary strings in a row: bit b of every number sits at offsets 29 - b (mod 30).
    bits = "".join(format(x, "030b") for x in a)
    total = 0
    for bit in range(30):
        ones = bits[29 - bit :: 30].count("1")
        total += ones * (n - ones) << bit
    return total


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240018)
    n = 100_000
    top = (1 << 30) - 1
    halves = [0, top] * (n // 2)  # the largest possible sum, arranged in a row
    randoms = [rng.getrandbits(30) for _ in range(n)]
    high = [b << 29 for b in rng.choices((0, 1), k=n)]
    cases = (("gen-01-halves", halves), ("gen-02-random", randoms), ("gen-03-high-bit", high))
    return [(name, f"{n}\n" + " ".join(map(str, a)) + "\n", f"{solve(a)}\n") for name, a in cases]
