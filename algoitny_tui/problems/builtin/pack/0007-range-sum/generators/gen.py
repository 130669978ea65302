"""Largest tests: random profits with long random ranges, and all-maximum profits with whole-range questions."""

import random
from itertools import accumulate


def solve(a: list[int], queries: list[tuple[int, int]]) -> str:
    prefix = [0, *accumulate(a)]
    return "".join(f"{prefix[hi] - prefix[lo - 1]}\n" for lo, hi in queries)


def render(a: list[int], queries: list[tuple[int, int]]) -> str:
    head = f"{len(a)} {len(queries)}\n" + " ".join(map(str, a)) + "\n"
    return head + "".join(f"{lo} {hi}\n" for lo, hi in queries)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240007)
    n = q = 100_000
    a = [rng.randint(-(10**9), 10**9) for _ in range(n)]
    queries = []
    for _ in range(q):
        lo = rng.randint(1, n // 2)
        queries.append((lo, rng.randint(lo, n)))
    tests = [("gen-01-random", render(a, queries), solve(a, queries))]
    big = [10**9] * n
    whole = [(1, n)] * 10_000 + [(1, 1), (n, n)]
    tests.append(("gen-02-all-max", render(big, whole), solve(big, whole)))
    return tests
