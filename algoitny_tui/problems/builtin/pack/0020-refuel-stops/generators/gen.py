"""Large tests: many stations and many stops, a warehouse just out of reach, and huge distances."""

import heapq
import random


def solve(d: int, fuel: int, stations: list[tuple[int, int]]) -> int:
    passed: list[int] = []
    stops = 0
    reach = fuel
    for position, amount in sorted(stations) + [(d, 0)]:
        while reach < position and passed:
            reach -= heapq.heappop(passed)  # stored negated: a max-heap
            stops += 1
        if reach < position:
            return -1
        heapq.heappush(passed, -amount)
    return stops


def render(d: int, fuel: int, stations: list[tuple[int, int]]) -> str:
    return f"{len(stations)} {d} {fuel}\n" + "".join(f"{p} {f}\n" for p, f in stations)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240020)
    tests = []
    n = 100_000
    d = 10**9
    # one station in every block of 10 000 km, shuffled; about 1.5 litres per kilometre on average
    many = [(10_000 * i + rng.randrange(1, 10_000), rng.randint(1, 30_000)) for i in range(n)]
    rng.shuffle(many)
    tests.append(("gen-01-many-stops", d, 20_000, many))
    m = 30_000
    fuel_total = sum(f for _, f in many[:m])
    short = [(p % (d // 2) + 1, f) for p, f in many[:m]]
    tests.append(("gen-02-just-short", d // 2 + fuel_total - 1 + 20_000, 20_000, short))
    far_d = 10**12
    far = [(rng.randint(1, far_d - 1), rng.randint(10**8, 10**9)) for _ in range(m)]
    tests.append(("gen-03-far", far_d, 10**11, far))
    return [(name, render(d_, f_, st), f"{solve(d_, f_, st)}\n") for name, d_, f_, st in tests]
