"""Largest tests: all zeros (answer N(N+1)/2, beyond 32 bits), small values around zero, and big random values."""

import random
from collections import defaultdict


def solve(a: list[int], k: int) -> int:
    seen: defaultdict[int, int] = defaultdict(int)
    seen[0] = 1
    prefix = count = 0
    for x in a:
        prefix += x
        count += seen[prefix - k]
        seen[prefix] += 1
    return count


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240016)
    n = 100_000
    zeros = [0] * n
    small = [rng.randint(-2, 2) for _ in range(n)]
    big = [rng.randint(-(10**9), 10**9) for _ in range(n)]
    start = rng.randrange(n // 2)
    target = sum(big[start : start + 1000])
    cases = (("gen-01-all-zero", zeros, 0), ("gen-02-small", small, 3), ("gen-03-big", big, target))
    return [(name, f"{n} {k}\n" + " ".join(map(str, a)) + "\n", f"{solve(a, k)}\n") for name, a, k in cases]
