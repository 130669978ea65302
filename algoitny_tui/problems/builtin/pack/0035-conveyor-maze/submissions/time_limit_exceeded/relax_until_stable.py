# Bellman-Ford style: sweeps over every cell and relaxes its moves until nothing changes. On a long free path that
# winds left and up, each sweep moves the known costs along by only a few cells.
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
rows = [row.decode() for row in data[2 : 2 + n]]
inf = float("inf")
dist = [[inf] * m for _ in range(n)]
dist[0][0] = 0
moves = (("U", -1, 0), ("D", 1, 0), ("L", 0, -1), ("R", 0, 1))
changed = True
while changed:
    changed = False
    for r in range(n):
        for c in range(m):
            d = dist[r][c]
            if d == inf:
                continue
            for name, dr, dc in moves:
                nr, nc = r + dr, c + dc
                if 0 <= nr < n and 0 <= nc < m:
                    nd = d + (rows[r][c] != name)
                    if nd < dist[nr][nc]:
                        dist[nr][nc] = nd
                        changed = True
print(dist[n - 1][m - 1])
