# Loops over the amounts outside and the coins inside: 1+2 and 2+1 are counted as two ways.
import sys

MOD = 1_000_000_007
values = list(map(int, sys.stdin.buffer.read().split()))
n, x = values[0], values[1]
coins = values[2 : 2 + n]
ways = [0] * (x + 1)
ways[0] = 1
for a in range(1, x + 1):
    for c in coins:
        if c <= a:
            ways[a] = (ways[a] + ways[a - c]) % MOD
print(ways[x])
