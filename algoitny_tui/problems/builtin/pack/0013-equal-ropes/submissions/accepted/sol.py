import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    ropes = list(map(int, data[2 : 2 + n]))
    # Binary search on the answer: the largest x with enough pieces; 0 when even x = 1 fails.
    lo, hi = 0, max(ropes)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(length // mid for length in ropes) >= k:
            lo = mid
        else:
            hi = mid - 1
    print(lo)


main()
