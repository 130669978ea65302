"""Large tests for Power Tower: 100000 random questions with 18-digit numbers, and edge cases around 0, 1,
multiples of p and exponents that are multiples of p - 1."""

import random

P = 1_000_000_007


def tower(a: int, b: int, c: int) -> int:
    if b == 0 and c > 0:
        return 1  # exponent 0
    if a % P == 0:
        return 0  # the exponent is at least 1 here
    return pow(a, pow(b, c, P - 1), P)


def solve(data: str) -> str:
    v = list(map(int, data.split()))
    return "".join(f"{tower(v[i], v[i + 1], v[i + 2])}\n" for i in range(1, 1 + 3 * v[0], 3))


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240030)
    big = range(10**18 + 1)
    q = 100_000
    triples = list(zip(rng.choices(big, k=q), rng.choices(big, k=q), rng.choices(big, k=q)))
    tests = [("gen-01-random-max", triples)]
    special = [0, 1, 2, P - 1, P, P + 1, 2 * P, (P - 1) // 2, P - 2, 10**18, 10**18 - 1, 999_999_999_999_999_994]
    triples = [(a, b, c) for a in special for b in special for c in special[:6]]
    rng.shuffle(triples)
    tests.append(("gen-02-special-values", triples))
    out = []
    for name, t in tests:
        data = f"{len(t)}\n" + "".join(f"{a} {b} {c}\n" for a, b, c in t)
        out.append((name, data, solve(data)))
    return out
