"""Large tests for Concert Hall Bookings: 100000 random requests (the O(N^2) plan is hopeless, the greedy by end
time is wrong), and a chain of back-to-back requests with double-length decoys whose answer, 30001 * 10^9, is known
from the construction and needs 64 bits; it also catches treating touching requests as overlapping."""

import random
from bisect import bisect_right


def best_total(requests: list[tuple[int, int, int]]) -> int:
    """requests: (start, end, payment)."""
    order = sorted(requests, key=lambda r: r[1])
    ends = [e for _, e, _ in order]
    best = [0] * (len(order) + 1)
    for k, (s, _, p) in enumerate(order):
        take = best[bisect_right(ends, s, 0, k)] + p
        best[k + 1] = take if take > best[k] else best[k]
    return best[-1]


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    n = values[0]
    return f"{best_total(list(zip(values[1 : 1 + 3 * n : 3], values[2 : 2 + 3 * n : 3], values[3 : 3 + 3 * n : 3])))}\n"


def fmt(requests: list[tuple[int, int, int]]) -> str:
    return f"{len(requests)}\n" + "".join(f"{s} {e} {p}\n" for s, e, p in requests)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240037)
    n = 100_000
    starts = rng.choices(range(0, 10**9 - 20_000_000), k=n)
    lengths = rng.choices(range(1, 20_000_001), k=n)
    pays = rng.choices(range(1, 10**9 + 1), k=n)
    requests = list(zip(starts, map(sum, zip(starts, lengths)), pays))
    tests = [("gen-01-random", fmt(requests), f"{best_total(requests)}\n")]
    # Slots [10i, 10i + 10) paying 10^9 each, and decoys over two slots paying 2 * 10^9 - 1.
    slots = 30_001
    requests = [(10 * i, 10 * i + 10, 10**9) for i in range(slots)]
    requests += [(10 * i, 10 * i + 20, 2 * 10**9 - 1) for i in range(0, slots - 1, 2)]
    rng.shuffle(requests)
    tests.append(("gen-02-back-to-back", fmt(requests), f"{slots * 10**9}\n"))
    return tests
