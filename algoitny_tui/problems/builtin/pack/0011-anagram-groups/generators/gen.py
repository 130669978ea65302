"""100 000 words: many anagram collisions over a small alphabet, and almost all groups distinct."""

import random
from collections import Counter


def solve(words: list[str]) -> str:
    groups = Counter("".join(sorted(w)) for w in words)
    return f"{len(groups)} {max(groups.values())}\n"


def words(rng: random.Random, n: int, letters: str, shortest: int, longest: int) -> list[str]:
    lengths = rng.choices(range(shortest, longest + 1), k=n)
    text = "".join(rng.choices(letters, k=sum(lengths)))
    out = []
    start = 0
    for length in lengths:
        out.append(text[start : start + length])
        start += length
    return out


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240011)
    n = 100_000
    few = words(rng, n, "abc", 1, 6)
    many = words(rng, n, "abcdefghijklmnopqrstuvwxyz", 5, 20)
    tests = []
    for name, chosen in (("gen-01-small-alphabet", few), ("gen-02-distinct-groups", many)):
        tests.append((name, f"{n}\n" + "\n".join(chosen) + "\n", solve(chosen)))
    return tests
