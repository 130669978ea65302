import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    a = list(map(int, data[1 : 1 + n]))
    # Bottom-up merge sort: when an element of the right half goes first, it jumps over every element still
    # waiting in the left half, and each of those is a pair i < j with a[i] > a[j].
    inversions = 0
    width = 1
    while width < n:
        merged: list[int] = []
        for lo in range(0, n, 2 * width):
            left, right = a[lo : lo + width], a[lo + width : lo + 2 * width]
            if not right or left[-1] <= right[0]:
                merged += left
                merged += right
                continue
            i = j = 0
            nl, nr = len(left), len(right)
            append = merged.append
            while i < nl and j < nr:
                if right[j] < left[i]:
                    inversions += nl - i
                    append(right[j])
                    j += 1
                else:
                    append(left[i])
                    i += 1
            merged += left[i:]
            merged += right[j:]
        a = merged
        width *= 2
    print(inversions)


main()
