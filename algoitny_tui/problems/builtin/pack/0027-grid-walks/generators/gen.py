"""Large tests for Walks Through the Park: an open 100x100 park (the count needs the modulus), a 1000x1000 park
with random flower beds, and a long single row."""

import random

MOD = 1_000_000_007


def solve(data: str) -> str:
    tokens = data.split()
    h, w = int(tokens[0]), int(tokens[1])
    row = [0] * w
    row[0] = 1
    for r in range(h):
        line = tokens[2 + r]
        left = 0
        for c in range(w):
            if line[c] == "#":
                left = 0
            else:
                left = (left + row[c]) % MOD
            row[c] = left
    return f"{row[w - 1]}\n"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240027)
    tests = [("gen-01-open-100", "100 100\n" + ("." * 100 + "\n") * 100)]
    rows = ["".join(rng.choices(".#", weights=(92, 8), k=1000)) for _ in range(1000)]
    rows[0] = "." + rows[0][1:]
    rows[-1] = rows[-1][:-1] + "."
    tests.append(("gen-02-random-max", "1000 1000\n" + "\n".join(rows) + "\n"))
    tests.append(("gen-03-one-row", "1 1000\n" + "." * 1000 + "\n"))
    return [(name, data, solve(data)) for name, data in tests]
