# Dynamic programming over moves to the right and down only: a cheaper route that goes up or left is missed.
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
rows = [row.decode() for row in data[2 : 2 + n]]
inf = float("inf")
best = [[inf] * m for _ in range(n)]
best[0][0] = 0
for r in range(n):
    for c in range(m):
        if r > 0:
            best[r][c] = min(best[r][c], best[r - 1][c] + (rows[r - 1][c] != "D"))
        if c > 0:
            best[r][c] = min(best[r][c], best[r][c - 1] + (rows[r][c - 1] != "R"))
print(best[n - 1][m - 1])
