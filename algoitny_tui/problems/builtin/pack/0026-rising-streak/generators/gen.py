"""Large tests for Rising Streak: random values, few distinct values (many ties), a sorted run and a reversed one."""

import random
from bisect import bisect_left


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    tails: list[int] = []
    for x in values[1 : 1 + values[0]]:
        i = bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return f"{len(tails)}\n"


def fmt(a: list[int]) -> str:
    return f"{len(a)}\n" + " ".join(map(str, a)) + "\n"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240026)
    n = 200_000
    tests = [
        ("gen-01-random-max", fmt(rng.choices(range(-10**9, 10**9 + 1), k=n))),
        ("gen-02-many-ties", fmt(rng.choices(range(50), k=n))),
        ("gen-03-sorted-with-repeats", fmt(sorted(rng.choices(range(-10**9, 10**9 + 1), k=n // 2) * 2))),
        ("gen-04-decreasing", fmt(list(range(10**9, 10**9 - n, -1)))),
    ]
    return [(name, data, solve(data)) for name, data in tests]
