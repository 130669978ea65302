import sys
from bisect import bisect_left


def main() -> None:
    values = list(map(int, sys.stdin.buffer.read().split()))
    tails: list[int] = []  # tails[k]: smallest last value of a rising subsequence of length k + 1
    for x in values[1 : 1 + values[0]]:
        i = bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    print(len(tails))


main()
