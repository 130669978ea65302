# Jarvis march: O(N * H). When every tree is on the hull, that is O(N^2).
import sys
from math import dist

v = list(map(int, sys.stdin.buffer.read().split()))
pts = sorted(set(zip(v[1::2], v[2::2])))
if len(pts) == 1:
    print(0)
    sys.exit()
start = pts[0]
hull = [start]
current = start
while True:
    candidate = pts[0] if pts[0] != current else pts[1]
    for p in pts:
        if p == current:
            continue
        cr = (candidate[0] - current[0]) * (p[1] - current[1]) - (candidate[1] - current[1]) * (p[0] - current[0])
        if cr < 0 or (cr == 0 and dist(current, p) > dist(current, candidate)):
            candidate = p
    if candidate == start:
        break
    hull.append(candidate)
    current = candidate
print(sum(dist(hull[i], hull[i - 1]) for i in range(len(hull))))
