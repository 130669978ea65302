# Returns the distance between the two farthest trees once when all trees are on one line (the fence goes both ways).
import sys
from math import dist

v = list(map(int, sys.stdin.buffer.read().split()))
pts = sorted(set(zip(v[1::2], v[2::2])))


def half(seq):
    chain = []
    for p in seq:
        while len(chain) >= 2:
            (ax, ay), (bx, by) = chain[-2], chain[-1]
            if (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) > 0:
                break
            chain.pop()
        chain.append(p)
    return chain


if len(pts) == 1:
    print(0)
else:
    hull = half(pts)[:-1] + half(pts[::-1])[:-1]
    if len(hull) == 2:
        print(dist(hull[0], hull[1]))
    else:
        print(sum(dist(hull[i], hull[i - 1]) for i in range(len(hull))))
