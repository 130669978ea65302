import sys
from bisect import bisect_right


def main() -> None:
    values = list(map(int, sys.stdin.buffer.read().split()))
    n = values[0]
    requests = sorted(zip(values[2 : 2 + 3 * n : 3], values[1 : 1 + 3 * n : 3], values[3 : 3 + 3 * n : 3]))
    ends = [e for e, _, _ in requests]
    best = [0] * (n + 1)  # best[k]: the most money from the k requests that end first
    for k, (e, s, p) in enumerate(requests):
        j = bisect_right(ends, s, 0, k)  # requests 0..j-1 end by time s
        take = best[j] + p
        best[k + 1] = take if take > best[k] else best[k]
    print(best[n])


main()
