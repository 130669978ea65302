"""Largest tests: random readings, evenly spread readings (big answer), and readings where the closest pair is
far apart in the input."""

import random


def solve(a: list[int]) -> int:
    b = sorted(a)
    return min(y - x for x, y in zip(b, b[1:], strict=False))


def render(a: list[int]) -> str:
    return f"{len(a)}\n" + " ".join(map(str, a)) + "\n"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240010)
    n = 100_000
    tests = []
    randoms = [rng.randint(-(10**9), 10**9) for _ in range(n)]
    spread = list(range(-(10**9), 10**9 + 1, 20_000))[:n]
    rng.shuffle(spread)
    spread[rng.randrange(n)] += 19_999  # one pair comes closer: answer 1
    for name, a in (("gen-01-random", randoms), ("gen-02-spread", spread)):
        tests.append((name, render(a), f"{solve(a)}\n"))
    return tests
