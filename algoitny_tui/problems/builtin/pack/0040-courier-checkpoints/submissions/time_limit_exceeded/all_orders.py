# Tries every order of the checkpoints: up to 12! = 479001600 orders.
import sys
from collections import deque
from itertools import permutations

tokens = sys.stdin.read().split()
h, w = int(tokens[0]), int(tokens[1])
grid = "".join(tokens[2 : 2 + h])
spots = [grid.index("S")] + [i for i, ch in enumerate(grid) if ch == "C"]
between = []
for src in spots:
    dist = [-1] * (h * w)
    dist[src] = 0
    queue = deque([src])
    while queue:
        cell = queue.popleft()
        r, c = divmod(cell, w)
        for nxt, ok in ((cell - w, r > 0), (cell + w, r < h - 1), (cell - 1, c > 0), (cell + 1, c < w - 1)):
            if ok and dist[nxt] < 0 and grid[nxt] != "#":
                dist[nxt] = dist[cell] + 1
                queue.append(nxt)
    between.append([dist[t] for t in spots])
if any(d < 0 for d in between[0]):
    print(-1)
    sys.exit()
best = min(
    sum(between[a][b] for a, b in zip((0,) + order, order)) for order in permutations(range(1, len(spots)))
)
print(best)
