"""50 000 questions: wide random ranges, tiny ranges, and ranges whose ends are primes."""

import random
from itertools import accumulate

LIMIT = 1_000_000


def prime_counts() -> list[int]:
    sieve = bytearray([1]) * (LIMIT + 1)
    sieve[0] = sieve[1] = 0
    for p in range(2, int(LIMIT**0.5) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytes(len(range(p * p, LIMIT + 1, p)))
    return list(accumulate(sieve))


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240008)
    counts = prime_counts()
    primes = [p for p in (2, 3, 5, 7, 999_983, 999_979) if counts[p] != counts[p - 1]]
    queries = []
    for i in range(50_000):
        if i % 3 == 0:
            a, b = sorted((rng.randint(1, LIMIT), rng.randint(1, LIMIT)))
        elif i % 3 == 1:
            a = rng.randint(1, LIMIT)
            b = min(LIMIT, a + rng.randint(0, 30))
        else:
            a, b = sorted((rng.choice(primes), rng.choice(primes)))
        queries.append((a, b))
    data = f"{len(queries)}\n" + "".join(f"{a} {b}\n" for a, b in queries)
    return [("gen-01-random", data, "".join(f"{counts[b] - counts[a - 1]}\n" for a, b in queries))]
