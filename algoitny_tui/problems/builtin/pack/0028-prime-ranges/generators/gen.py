"""Large tests for Primes in a Range: 100000 random wide ranges up to 5e6, and many ranges at the edges
(ranges starting at 1 or 2, single numbers, the top of the range)."""

import random
from itertools import accumulate

LIMIT = 5_000_000


def prefix_counts(limit: int) -> list[int]:
    sieve = bytearray([1]) * (limit + 1)
    sieve[0] = sieve[1] = 0
    for p in range(2, int(limit**0.5) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytes(len(range(p * p, limit + 1, p)))
    return list(accumulate(sieve))


def solve(data: str, count: list[int]) -> str:
    values = list(map(int, data.split()))
    return "".join(f"{count[r] - count[l - 1]}\n" for l, r in zip(values[1::2], values[2::2]))


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240028)
    count = prefix_counts(LIMIT)
    q = 100_000
    pairs = [sorted(p) for p in zip(rng.choices(range(1, LIMIT + 1), k=q), rng.choices(range(1, LIMIT + 1), k=q))]
    tests = [("gen-01-random-max", pairs)]
    edges = [(1, 1), (1, 2), (2, 2), (1, LIMIT), (LIMIT, LIMIT), (4_999_999, LIMIT), (4_999_963, 4_999_963)]
    edges += [(x, x) for x in rng.choices(range(1, 200), k=500)] + [(1, x) for x in range(1, 200)]
    tests.append(("gen-02-edges", edges))
    out = []
    for name, pairs in tests:
        data = f"{len(pairs)}\n" + "".join(f"{l} {r}\n" for l, r in pairs)
        out.append((name, data, solve(data, count)))
    return out
