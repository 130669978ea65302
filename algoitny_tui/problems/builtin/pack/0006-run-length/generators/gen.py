"""The longest strings: one single run, runs of random lengths, and no repeated neighbours at all."""

import random
import re

RUN = re.compile(r"(.)\1*")


def encode(s: str) -> str:
    return RUN.sub(lambda m: m.group(1) + (str(len(m.group(0))) if len(m.group(0)) > 1 else ""), s)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240006)
    n = 300_000
    parts = []
    total = 0
    previous = ""
    while total < n:
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz".replace(previous, ""))
        length = min(rng.choice((1, 1, 2, 3, 9, 10, 11, 99, 100, 1000)), n - total)
        parts.append(letter * length)
        total += length
        previous = letter
    strings = {
        "gen-01-one-run": "q" * n,
        "gen-02-random-runs": "".join(parts),
        "gen-03-alternating": "ab" * (n // 2),
    }
    return [(name, s + "\n", encode(s) + "\n") for name, s in strings.items()]
