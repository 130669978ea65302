"""Largest tests: equal towers (area 10^14), increasing and decreasing heights, random heights."""

import random


def solve(h: list[int]) -> int:
    best = 0
    stack: list[int] = []  # indices with increasing heights
    for i, height in enumerate([*h, 0]):
        while stack and h[stack[-1]] >= height:
            top = stack.pop()
            left = stack[-1] + 1 if stack else 0
            best = max(best, h[top] * (i - left))
        stack.append(i)
    return best


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240019)
    n = 100_000
    cases = (
        ("gen-01-equal-max", [10**9] * n),
        ("gen-02-increasing", list(range(1, n + 1))),
        ("gen-03-decreasing", list(range(n, 0, -1))),
        ("gen-04-random", [rng.randint(0, 10**9) for _ in range(50_000)]),
    )
    return [(name, f"{len(h)}\n" + " ".join(map(str, h)) + "\n", f"{solve(h)}\n") for name, h in cases]
