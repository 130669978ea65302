"""Large tests: random meetings, a chain of touching meetings under one long meeting, short meetings that each
overlap two longer ones, and meetings all nested in each other."""

import random


def solve(meetings: list[tuple[int, int]]) -> int:
    count, free_at = 0, -1
    for s, e in sorted(meetings, key=lambda m: m[1]):
        if s >= free_at:
            count += 1
            free_at = e
    return count


def render(meetings: list[tuple[int, int]]) -> str:
    return f"{len(meetings)}\n" + "".join(f"{s} {e}\n" for s, e in meetings)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240014)
    n = 50_000
    randoms = []
    for _ in range(n):
        s = rng.randint(0, 10**9 - 1)
        randoms.append((s, min(10**9, s + rng.randint(1, 50_000))))
    chain = [(0, 10**9)] + [(10 * i, 10 * i + 10) for i in range(n - 1)]
    rng.shuffle(chain)
    # long meetings [10i, 10i + 8) and short ones [10i + 7, 10i + 11) that each overlap two of them
    trap = [(10 * i, 10 * i + 8) for i in range(10_000)] + [(10 * i + 7, 10 * i + 11) for i in range(10_000)]
    rng.shuffle(trap)
    # every meeting contains time n: only one can take place
    nested = [(i, 2 * n - i) for i in range(n)]
    rng.shuffle(nested)
    cases = (
        ("gen-01-random", randoms),
        ("gen-02-chain-under-long", chain),
        ("gen-03-overlapping-pairs", trap),
        ("gen-04-nested", nested),
    )
    return [(name, render(m), f"{solve(m)}\n") for name, m in cases]
