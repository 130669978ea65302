"""Largest tests: random piles with a short answer, huge piles with S near the total, and S just above the total."""

import random


def solve(a: list[int], s: int) -> int:
    best = 0
    total = 0
    left = 0
    for right, x in enumerate(a):
        total += x
        while total - a[left] >= s:
            total -= a[left]
            left += 1
        if total >= s and (best == 0 or right - left + 1 < best):
            best = right - left + 1
    return best


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240015)
    n = 100_000
    a = [rng.randint(1, 10**9) for _ in range(n)]
    small = [rng.randint(1, 1000) for _ in range(n)]
    total = sum(a)
    cases = (
        ("gen-01-random-short", small, 300_000),
        ("gen-02-near-total", a, total - 10**9),
        ("gen-03-above-total", small, sum(small) + 1),
    )
    return [(name, f"{n} {s}\n" + " ".join(map(str, v)) + "\n", f"{solve(v, s)}\n") for name, v, s in cases]
