"""Large tests for Counting Divisors: 100000 random numbers, 100000 primes close to 10^6 (the worst case for trial
division) and 100000 perfect squares and numbers with many divisors.

The answers come from a smallest-prime-factor sieve built with slice assignments, and each distinct number is
factored once (the tests draw their numbers from pools of a few thousand)."""

import random
from array import array

LIMIT = 1_000_000


def smallest_factors(limit: int) -> array:
    spf = array("i", bytes(4 * (limit + 1)))
    small = [p for p in range(2, int(limit**0.5) + 1) if all(p % q for q in range(2, int(p**0.5) + 1))]
    for p in reversed(small):
        spf[p * p :: p] = array("i", [p]) * len(range(p * p, limit + 1, p))
    return spf


def divisors(x: int, spf: array) -> int:
    count = 1
    while x > 1:
        p = spf[x] or x
        e = 0
        while x % p == 0:
            x //= p
            e += 1
        count *= e + 1
    return count


def solve(data: str) -> str:
    spf = smallest_factors(LIMIT)
    values = list(map(int, data.split()))
    return "".join(f"{divisors(x, spf)}\n" for x in values[1 : 1 + values[0]])


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240028)
    spf = smallest_factors(LIMIT)
    q = 100_000
    pools = {
        "gen-01-random": rng.sample(range(1, LIMIT + 1), 5_000) + [1, LIMIT],
        "gen-02-big-primes": [x for x in range(LIMIT - 100_000, LIMIT + 1) if not spf[x]],
        "gen-03-squares-and-many-divisors": [k * k for k in range(1, 1_001)]
        + [720_720, 831_600, 942_480, 982_800, 997_920, 524_288, 531_441, 786_432],
    }
    tests = []
    for name, pool in pools.items():
        answer = {x: divisors(x, spf) for x in pool}
        numbers = rng.choices(pool, k=q)
        text = f"{q}\n" + " ".join(map(str, numbers)) + "\n"
        tests.append((name, text, "\n".join(str(answer[x]) for x in numbers) + "\n"))
    return tests
