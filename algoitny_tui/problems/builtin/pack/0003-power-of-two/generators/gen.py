"""Every power of two up to 10^18, its neighbours, and random numbers; 100 000 queries."""

import random


def answer(x: int) -> str:
    if x > 0 and x & (x - 1) == 0:
        return f"YES {x.bit_length() - 1}"
    return "NO"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240003)
    values = []
    for k in range(60):
        values += [1 << k, (1 << k) - 1, (1 << k) + 1, (1 << k) + (1 << 40)]
    rest = 100_000 - len(values)
    values += [min(rng.getrandbits(60), 10**18) for _ in range(rest // 2)]
    values += [1 << k for k in rng.choices(range(60), k=rest - rest // 2)]
    rng.shuffle(values)
    data = f"{len(values)}\n" + "\n".join(map(str, values)) + "\n"
    return [("gen-01-mixed", data, "\n".join(map(answer, values)) + "\n")]
