"""Large tests for Common Remainder: 200000 numbers sharing a big hidden modulus, random numbers (answer 1),
and numbers that are all equal but one."""

import random
from math import gcd


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    a = values[1 : 1 + values[0]]
    g = 0
    for x in a:
        g = gcd(g, x - a[0])
    return f"{g if g else -1}\n"


def fmt(a: list[int]) -> str:
    return f"{len(a)}\n" + " ".join(map(str, a)) + "\n"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240029)
    n = 200_000
    d = 999_999_999_989
    base = -10**18 + 12_345
    a = [base + d * k for k in rng.choices(range(2_000), k=n)]
    tests = [("gen-01-hidden-modulus", fmt(a))]
    tests.append(("gen-02-random", fmt(rng.choices(range(-10**18, 10**18 + 1), k=n))))
    a = [7] * n
    a[rng.randrange(n)] = 7 + 2 * 3 * 5 * 7 * 11 * 13
    tests.append(("gen-03-one-differs", fmt(a)))
    tests.append(("gen-04-all-equal-max", fmt([-10**18] * n)))
    return [(name, data, solve(data)) for name, data in tests]
