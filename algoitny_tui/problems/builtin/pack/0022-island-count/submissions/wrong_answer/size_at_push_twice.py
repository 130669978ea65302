# Checks "is land" when popping but not when pushing, and counts a cell every time it is popped:
# a cell reachable from two neighbours is counted twice.
import sys

lines = sys.stdin.read().split()
h, w = int(lines[0]), int(lines[1])
grid = [list(row) for row in lines[2 : 2 + h]]
count = best = 0
for i in range(h):
    for j in range(w):
        if grid[i][j] != "#":
            continue
        count += 1
        size = 0
        stack = [(i, j)]
        while stack:
            r, c = stack.pop()
            size += 1
            grid[r][c] = "v"
            for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                if 0 <= nr < h and 0 <= nc < w and grid[nr][nc] == "#":
                    stack.append((nr, nc))
        best = max(best, size)
print(count, best)
