import sys
from math import dist


def main() -> None:
    v = list(map(int, sys.stdin.buffer.read().split()))
    pts = sorted(set(zip(v[1::2], v[2::2])))
    if len(pts) == 1:
        print(0)
        return

    def half(seq: list[tuple[int, int]]) -> list[tuple[int, int]]:
        chain: list[tuple[int, int]] = []
        for p in seq:
            px, py = p
            while len(chain) >= 2:
                (ax, ay), (bx, by) = chain[-2], chain[-1]
                if (bx - ax) * (py - ay) - (by - ay) * (px - ax) > 0:
                    break
                chain.pop()
            chain.append(p)
        return chain

    hull = half(pts)[:-1] + half(pts[::-1])[:-1]
    print(f"{sum(dist(hull[i], hull[i - 1]) for i in range(len(hull))):.6f}")


main()
