"""Random questions with wide ranges, with L and R often exactly on multiples of K."""

import random

MAX = 10**18


def count(left: int, right: int, k: int) -> int:
    return right // k - (left - 1) // k


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240005)
    queries = []
    for i in range(10_000):
        k = rng.choice((rng.randint(1, 10), rng.randint(1, 10**9), rng.randint(1, MAX)))
        left, right = sorted((rng.randint(1, MAX), rng.randint(1, MAX)))
        if i % 4 == 1 and left // k >= 1:
            left = left // k * k  # on a multiple
        if i % 4 == 2 and right // k >= 1:
            right = right // k * k
        left = max(1, min(left, right))
        queries.append((left, right, k))
    data = "10000\n" + "".join(f"{a} {b} {k}\n" for a, b, k in queries)
    return [("gen-01-random", data, "".join(f"{count(a, b, k)}\n" for a, b, k in queries))]
