import sys
from bisect import bisect_left, bisect_right


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    a = sorted(map(int, data[2 : 2 + n]))
    out = []
    pos = 2 + n
    for _ in range(q):
        lo, hi = int(data[pos]), int(data[pos + 1])
        pos += 2
        # first index with value > hi, minus first index with value >= lo
        out.append(bisect_right(a, hi) - bisect_left(a, lo))
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
