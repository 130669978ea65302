"""Large tests for Big A+B: many pairs near the limits, and many small ones."""

import random

LIMIT = 10**18


def solve(data: str) -> str:
    tokens = data.split()
    t = int(tokens[0])
    return "".join(f"{int(tokens[1 + 2 * i]) + int(tokens[2 + 2 * i])}\n" for i in range(t))


def make(rng: random.Random, t: int, bound: int) -> str:
    lines = [str(t)]
    for _ in range(t):
        lines.append(f"{rng.randint(-bound, bound)} {rng.randint(-bound, bound)}")
    return "\n".join(lines) + "\n"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240001)
    tests = []
    for name, t, bound in (("gen-01-max-big", 10_000, LIMIT), ("gen-02-max-small", 10_000, 1000)):
        data = make(rng, t, bound)
        tests.append((name, data, solve(data)))
    return tests
