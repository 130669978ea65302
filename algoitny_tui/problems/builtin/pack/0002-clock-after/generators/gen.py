"""Random clock questions, many near midnight and at the largest N."""

import random


def solve(data: str) -> str:
    tokens = data.split()
    out = []
    for i in range(int(tokens[0])):
        hh, mm = tokens[1 + 2 * i].split(":")
        total = int(hh) * 60 + int(mm) + int(tokens[2 + 2 * i])
        out.append(f"{total % 1440 // 60:02d}:{total % 60:02d} {total // 1440}\n")
    return "".join(out)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240002)
    lines = ["10000"]
    for i in range(10_000):
        kind = i % 3
        if kind == 0:
            h, m, n = rng.randrange(24), rng.randrange(60), rng.randint(0, 10**9)
        elif kind == 1:
            h, m = 23, rng.randrange(50, 60)
            n = rng.randint(0, 20)
        else:
            h, m, n = (
                rng.randrange(24),
                rng.randrange(60),
                max(0, 1440 * rng.randint(0, 5) + rng.randint(-2, 2)),
            )
        lines.append(f"{h:02d}:{m:02d} {n}")
    data = "\n".join(lines) + "\n"
    return [("gen-01-random", data, solve(data))]
