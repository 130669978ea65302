"""Large tests for Packing for the Trip: 100 items at the largest capacity (values near 1e9, so the answer
needs 64 bits), and a mix of light and heavy items."""

import random
from operator import add


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    n, cap = values[0], values[1]
    dp = [0] * (cap + 1)
    for i in range(n):
        w, v = values[2 + 2 * i], values[3 + 2 * i]
        if w > cap:
            continue
        dp[w:] = map(max, dp[w:], map(add, dp[: cap + 1 - w], [v] * (cap + 1 - w)))
    return f"{dp[cap]}\n"


def fmt(cap: int, items: list[tuple[int, int]]) -> str:
    return f"{len(items)} {cap}\n" + "".join(f"{w} {v}\n" for w, v in items)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240025)
    tests = []
    cap = 20_000
    items = [(rng.randint(200, 1_800), rng.randint(9 * 10**8, 10**9)) for _ in range(100)]
    tests.append(("gen-01-max-heavy-values", fmt(cap, items)))
    items = [(rng.randint(1, 20_000 if i % 2 else 200), rng.randint(1, 10**9)) for i in range(100)]
    tests.append(("gen-02-mixed", fmt(cap, items)))
    return [(name, data, solve(data)) for name, data in tests]
