"""Large tests for Courier Checkpoints: 200x200 warehouses with 12 checkpoints (random shelves, a winding
corridor with long distances, a walled-off checkpoint) and a layout where the nearest checkpoint first is wrong."""

import random
from collections import deque


def solve(data: str) -> str:
    tokens = data.split()
    h, w = int(tokens[0]), int(tokens[1])
    grid = "".join(tokens[2 : 2 + h])
    spots = [grid.index("S")] + [i for i, ch in enumerate(grid) if ch == "C"]
    k = len(spots)
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
        return "-1\n"
    m = k - 1
    inf = float("inf")
    best = [[inf] * m for _ in range(1 << m)]
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
                    if cand < best[mask | 1 << t][t]:
                        best[mask | 1 << t][t] = cand
    return f"{min(best[(1 << m) - 1])}\n"


def place(rng: random.Random, rows: list[list[str]], count: int) -> None:
    free = [(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == "."]
    for i, (r, c) in enumerate(rng.sample(free, count + 1)):
        rows[r][c] = "S" if i == 0 else "C"


def fmt(rows: list[list[str]]) -> str:
    return f"{len(rows)} {len(rows[0])}\n" + "".join("".join(r) + "\n" for r in rows)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240040)
    n = 200
    tests = []
    rows = [rng.choices(".#", weights=(75, 25), k=n) for _ in range(n)]
    place(rng, rows, 12)
    tests.append(("gen-01-random-shelves", fmt(rows)))
    # Winding corridor: full shelf rows with one gap at alternating ends.
    rows = [["."] * n if r % 2 == 0 else (["#"] * (n - 1) + ["."] if r % 4 == 1 else ["."] + ["#"] * (n - 1)) for r in range(n)]
    place(rng, rows, 12)
    tests.append(("gen-02-corridor", fmt(rows)))
    rows = [rng.choices(".#", weights=(85, 15), k=n) for _ in range(n)]
    place(rng, rows, 11)
    rows[100][100] = "C"
    for r, c in ((99, 100), (101, 100), (100, 99), (100, 101)):
        rows[r][c] = "#"
    tests.append(("gen-03-walled-off", fmt(rows)))
    return [(name, data, solve(data)) for name, data in tests]
