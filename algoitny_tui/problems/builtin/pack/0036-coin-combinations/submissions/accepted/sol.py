import sys

MOD = 1_000_000_007


def main() -> None:
    values = list(map(int, sys.stdin.buffer.read().split()))
    n, x = values[0], values[1]
    ways = [0] * (x + 1)  # ways[a]: ways to pay a with the kinds seen so far
    ways[0] = 1
    for c in values[2 : 2 + n]:
        # Kinds one after another: every way lists its coins in the order of the kinds, so it is counted once.
        for a in range(c, x + 1):
            ways[a] = (ways[a] + ways[a - c]) % MOD
    print(ways[x])


main()
