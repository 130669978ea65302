"""Large tests for Fence Around the Trees: random points at the largest coordinates, 21081 points that are all on
the hull (a parabola spanning the whole coordinate range; hopeless for gift wrapping's O(N * H)), and many points on
one line.

The answers are computed from the point lists directly (no re-parsing of the text); the line's is known from its
construction."""

import random
from math import dist


def perimeter(points: list[tuple[int, int]]) -> float:
    pts = sorted(set(points))
    if len(pts) == 1:
        return 0.0

    def half(seq: list[tuple[int, int]]) -> list[tuple[int, int]]:
        chain: list[tuple[int, int]] = []
        pop, append = chain.pop, chain.append
        for p in seq:
            px, py = p
            while len(chain) >= 2:
                (ax, ay), (bx, by) = chain[-2], chain[-1]
                if (bx - ax) * (py - ay) - (by - ay) * (px - ax) > 0:
                    break
                pop()
            append(p)
        return chain

    hull = half(pts)[:-1] + half(pts[::-1])[:-1]
    return sum(dist(hull[i], hull[i - 1]) for i in range(len(hull)))


def solve(data: str) -> str:
    v = list(map(int, data.split()))
    return f"{perimeter(list(zip(v[1::2], v[2::2])))}\n"


def fmt(points: list[tuple[int, int]]) -> str:
    return f"{len(points)}\n" + "".join(f"{x} {y}\n" for x, y in points)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240031)
    span = range(-10**9, 10**9 + 1)
    n = 50_000
    points = list(zip(rng.choices(span, k=n), rng.choices(span, k=n)))
    tests = [("gen-01-random-max", fmt(points), f"{perimeter(points)}\n")]
    # x = 3t, y = 9t^2 - 10^9 + 1: strictly convex, so every point is a corner of the hull.
    parabola = [(3 * t, 9 * t * t - 10**9 + 1) for t in range(-10_540, 10_541)]
    rng.shuffle(parabola)
    tests.append(("gen-02-all-on-hull", fmt(parabola), f"{perimeter(parabola)}\n"))
    # Points on the line through (-10^9, -10^9) with direction (2, 3): the fence goes to the farthest one and back.
    n = 30_000
    steps = rng.choices(range(666_666_667), k=n)
    line = [(-10**9 + 2 * t, -10**9 + 3 * t) for t in steps]
    length = 2 * dist((2 * min(steps), 3 * min(steps)), (2 * max(steps), 3 * max(steps)))
    tests.append(("gen-03-one-line", fmt(line), f"{length}\n"))
    return tests
