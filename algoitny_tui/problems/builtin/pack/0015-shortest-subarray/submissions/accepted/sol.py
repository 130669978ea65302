import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, s = int(data[0]), int(data[1])
    a = list(map(int, data[2 : 2 + n]))
    # Two pointers: for each right end, move the left end as far as the block still holds S coins.
    best = 0
    total = 0
    left = 0
    for right in range(n):
        total += a[right]
        while total - a[left] >= s:
            total -= a[left]
            left += 1
        if total >= s:
            length = right - left + 1
            if best == 0 or length < best:
                best = length
    print(best)


main()
