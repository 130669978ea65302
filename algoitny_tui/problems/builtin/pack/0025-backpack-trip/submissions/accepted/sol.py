import sys
from operator import add


def main() -> None:
    values = list(map(int, sys.stdin.buffer.read().split()))
    n, cap = values[0], values[1]
    dp = [0] * (cap + 1)  # dp[c]: best value with total weight at most c
    for i in range(n):
        w, v = values[2 + 2 * i], values[3 + 2 * i]
        if w > cap:
            continue
        # The right-hand side is built from the old table before the slice is replaced: each item once.
        dp[w:] = map(max, dp[w:], map(add, dp[: cap + 1 - w], [v] * (cap + 1 - w)))
    print(dp[cap])


main()
