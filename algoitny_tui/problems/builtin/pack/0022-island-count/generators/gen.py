"""Large tests for Counting Islands: a random 500x500 map near the percolation threshold and a 500x500 winding strip."""

import random


def solve(data: str) -> str:
    lines = data.split()
    h, w = int(lines[0]), int(lines[1])
    grid = bytearray("".join(lines[2 : 2 + h]).encode())
    land = ord("#")
    count = best = 0
    for start in range(h * w):
        if grid[start] != land:
            continue
        count += 1
        grid[start] = 0
        stack = [start]
        size = 0
        while stack:
            cell = stack.pop()
            size += 1
            r, c = divmod(cell, w)
            if r > 0 and grid[cell - w] == land:
                grid[cell - w] = 0
                stack.append(cell - w)
            if r < h - 1 and grid[cell + w] == land:
                grid[cell + w] = 0
                stack.append(cell + w)
            if c > 0 and grid[cell - 1] == land:
                grid[cell - 1] = 0
                stack.append(cell - 1)
            if c < w - 1 and grid[cell + 1] == land:
                grid[cell + 1] = 0
                stack.append(cell + 1)
        best = max(best, size)
    return f"{count} {best}\n"


def serpentine(n: int) -> list[str]:
    """A single winding strip of land: full rows joined by one cell at alternating ends."""
    rows = []
    for r in range(n):
        if r % 2 == 0:
            rows.append("#" * n)
        elif r % 4 == 1:
            rows.append("." * (n - 1) + "#")
        else:
            rows.append("#" + "." * (n - 1))
    return rows


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240022)
    tests = []
    n = 500
    rows = ["".join(rng.choices("#.", weights=(45, 55), k=n)) for _ in range(n)]
    tests.append(("gen-01-random-max", f"{n} {n}\n" + "\n".join(rows) + "\n"))
    tests.append(("gen-02-serpentine", f"{n} {n}\n" + "\n".join(serpentine(n)) + "\n"))
    rows = ["".join(rng.choices("#.", weights=(70, 30), k=n)) for _ in range(n)]
    tests.append(("gen-03-mostly-land", f"{n} {n}\n" + "\n".join(rows) + "\n"))
    return [(name, data, solve(data)) for name, data in tests]
