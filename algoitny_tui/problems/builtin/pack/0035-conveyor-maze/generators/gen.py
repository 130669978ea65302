"""Large tests for Conveyor Maze: a random floor (answer by 0-1 BFS), a snake of free belts through every row of a
500 x 500 floor and one through every column (answer 0 by construction; the free path is 250000 cells long and turns
left and up, which sweeping relaxation needs about as many rounds for), and a floor where most belts point right or
down."""

import random
from collections import deque


def cost(rows: list[str]) -> int:
    n, m = len(rows), len(rows[0])
    belt = "".join(rows)
    step = {"U": -m, "D": m, "L": -1, "R": 1}
    total = n * m
    dist = [total + 1] * total
    dist[0] = 0
    queue = deque([0])
    popleft, appendleft, append = queue.popleft, queue.appendleft, queue.append
    while queue:
        u = popleft()
        du = dist[u]
        free = u + step[belt[u]]
        c = u % m
        for v, ok in ((u - m, u >= m), (u + m, u + m < total), (u - 1, c > 0), (u + 1, c + 1 < m)):
            if ok:
                if v == free:
                    if du < dist[v]:
                        dist[v] = du
                        appendleft(v)
                elif du + 1 < dist[v]:
                    dist[v] = du + 1
                    append(v)
    return dist[total - 1]


def solve(data: str) -> str:
    tokens = data.split()
    return f"{cost(tokens[2 : 2 + int(tokens[0])])}\n"


def fmt(rows: list[str]) -> str:
    return f"{len(rows)} {len(rows[0])}\n" + "\n".join(rows) + "\n"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240035)
    tests = []
    rows = ["".join(rng.choices("UDLR", k=250)) for _ in range(200)]
    tests.append(("gen-01-random", fmt(rows), f"{cost(rows)}\n"))
    # Even rows run right and drop down at the end, odd rows run left and drop down at the start.
    n = m = 500
    rows = ["R" * (m - 1) + "D" if r % 2 == 0 else "D" + "L" * (m - 1) for r in range(n)]
    tests.append(("gen-02-row-snake", fmt(rows), "0\n"))
    # Even columns run down and step right at the bottom, odd columns run up and step right at the top.
    grid = [["D" if c % 2 == 0 else "U" for c in range(m)] for _ in range(n)]
    for c in range(m):
        grid[n - 1 if c % 2 == 0 else 0][c] = "R"
    rows = ["".join(row) for row in grid]
    tests.append(("gen-03-column-snake", fmt(rows), "0\n"))
    rows = ["".join(rng.choices("UDLRRRDD", k=400)) for _ in range(100)]
    tests.append(("gen-04-mostly-right-down", fmt(rows), f"{cost(rows)}\n"))
    return tests
