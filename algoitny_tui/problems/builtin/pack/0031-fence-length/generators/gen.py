"""Large tests for Fence Around the Trees: random points at the largest coordinates, 63245 points that are all
on the hull (a parabola; slow for gift wrapping), and many points on one line."""

import random
from math import dist


def perimeter(points: list[tuple[int, int]]) -> float:
    pts = sorted(set(points))
    if len(pts) == 1:
        return 0.0

    def half(seq: list[tuple[int, int]]) -> list[tuple[int, int]]:
        chain: list[tuple[int, int]] = []
        for p in seq:
            while len(chain) >= 2:
                (ax, ay), (bx, by) = chain[-2], chain[-1]
                if (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) > 0:
                    break
                chain.pop()
            chain.append(p)
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
    n = 100_000
    tests = [("gen-01-random-max", fmt(list(zip(rng.choices(span, k=n), rng.choices(span, k=n)))))]
    parabola = [(x, x * x - 10**9 + 1) for x in range(-31_622, 31_623)]
    rng.shuffle(parabola)
    tests.append(("gen-02-all-on-hull", fmt(parabola)))
    line = [(-10**9 + 2 * t, -10**9 + 3 * t) for t in rng.choices(range(666_666_667), k=n)]
    tests.append(("gen-03-one-line", fmt(line)))
    return [(name, data, solve(data)) for name, data in tests]
