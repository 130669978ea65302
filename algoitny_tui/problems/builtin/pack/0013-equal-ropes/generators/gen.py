"""Largest N with K chosen so the answer is small (x around 3); then middling and large answers."""

import random


def pieces(ropes: list[int], x: int) -> int:
    return sum(length // x for length in ropes)


def solve(ropes: list[int], k: int) -> int:
    lo, hi = 0, max(ropes)  # pieces(lo) >= k holds for lo = 0 by convention
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if pieces(ropes, mid) >= k:
            lo = mid
        else:
            hi = mid - 1
    return lo


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240013)
    tests = []
    cases = (
        ("gen-01-short-pieces", 100_000, 3),
        ("gen-02-middle", 10_000, 10_000),
        ("gen-03-few", 10_000, 0),
    )
    for name, n, share in cases:
        ropes = [rng.randint(1, 10**9) for _ in range(n)]
        k = sum(ropes) // share if share else 7
        data = f"{n} {k}\n" + " ".join(map(str, ropes)) + "\n"
        tests.append((name, data, f"{solve(ropes, k)}\n"))
    return tests
