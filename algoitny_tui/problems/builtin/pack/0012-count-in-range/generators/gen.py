"""Largest N: random values and questions, and few distinct values with questions right on them."""

import random
from bisect import bisect_left, bisect_right


def solve(a: list[int], queries: list[tuple[int, int]]) -> str:
    b = sorted(a)
    return "".join(f"{bisect_right(b, hi) - bisect_left(b, lo)}\n" for lo, hi in queries)


def render(a: list[int], queries: list[tuple[int, int]]) -> str:
    head = f"{len(a)} {len(queries)}\n" + " ".join(map(str, a)) + "\n"
    return head + "".join(f"{lo} {hi}\n" for lo, hi in queries)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240012)
    n = 100_000
    big = 10**9
    a = [rng.randint(-big, big) for _ in range(n)]
    queries = []
    for _ in range(20_000):
        x, y = rng.randint(-big, big), rng.randint(-big, big)
        queries.append((min(x, y), max(x, y)))
    tests = [("gen-01-random", render(a, queries), solve(a, queries))]
    values = [rng.randint(-1000, 1000) * 1000 for _ in range(50)]
    b = rng.choices(values, k=n)
    on_values = []
    for _ in range(50_000):
        lo, hi = sorted(rng.choices(values, k=2))
        on_values.append((lo, hi))
    tests.append(("gen-02-on-values", render(b, on_values), solve(b, on_values)))
    return tests
