"""Largest tests: random readings with K = N / 2, a decreasing run (the queue holds K readings), and K = 1."""

import random
from collections import deque


def solve(a: list[int], k: int) -> str:
    window: deque[int] = deque()
    out = []
    for i, x in enumerate(a):
        while window and a[window[-1]] <= x:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            out.append(a[window[0]])
    return " ".join(map(str, out)) + "\n"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240017)
    n = 100_000
    randoms = [rng.randint(0, 10**6) for _ in range(n)]
    decreasing = list(range(10**6, 10**6 - n, -1))
    cases = (
        ("gen-01-random-half", randoms, n // 2),
        ("gen-02-decreasing", decreasing, 1000),
        ("gen-03-k-one", randoms[:30_000], 1),
    )
    return [(name, f"{len(a)} {k}\n" + " ".join(map(str, a)) + "\n", solve(a, k)) for name, a, k in cases]
