import sys
from collections import deque


def main() -> None:
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
            nd = dist[cell] + 1
            for nxt, ok in ((cell - w, r > 0), (cell + w, r < h - 1), (cell - 1, c > 0), (cell + 1, c < w - 1)):
                if ok and dist[nxt] < 0 and grid[nxt] != "#":
                    dist[nxt] = nd
                    queue.append(nxt)
        between.append([dist[t] for t in spots])
    if any(d < 0 for d in between[0]):
        print(-1)
        return
    m = len(spots) - 1
    inf = float("inf")
    best = [[inf] * m for _ in range(1 << m)]  # best[mask][j]: shortest walk visiting mask, ending at checkpoint j
    for j in range(m):
        best[1 << j][j] = between[0][j + 1]
    for mask in range(1, 1 << m):
        row = best[mask]
        for j in range(m):
            here = row[j]
            if here == inf:
                continue
            dj = between[j + 1]
            for t in range(m):
                if not mask >> t & 1:
                    cand = here + dj[t + 1]
                    nxt = best[mask | 1 << t]
                    if cand < nxt[t]:
                        nxt[t] = cand
    print(min(best[(1 << m) - 1]))


main()
