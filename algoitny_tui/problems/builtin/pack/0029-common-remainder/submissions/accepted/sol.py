import sys
from math import gcd


def main() -> None:
    values = list(map(int, sys.stdin.buffer.read().split()))
    a = values[1 : 1 + values[0]]
    first = a[0]
    g = 0
    for x in a:
        g = gcd(g, x - first)
    print(g if g else -1)


main()
