# Follows every walk by recursion, without remembering results: exponential.
import sys

sys.setrecursionlimit(10_000)
tokens = sys.stdin.read().split()
h, w = int(tokens[0]), int(tokens[1])
grid = tokens[2 : 2 + h]


def walks(r: int, c: int) -> int:
    if r >= h or c >= w or grid[r][c] == "#":
        return 0
    if r == h - 1 and c == w - 1:
        return 1
    return walks(r + 1, c) + walks(r, c + 1)


print(walks(0, 0) % 1_000_000_007)
