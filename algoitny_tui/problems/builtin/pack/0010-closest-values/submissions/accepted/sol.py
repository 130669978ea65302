import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    a = sorted(map(int, data[1 : 1 + n]))
    # After sorting, the closest pair is next to each other.
    print(min(y - x for x, y in zip(a, a[1:], strict=False)))


main()
