# Merge sort that takes from the right half on ties as well: pairs of equal scores are counted as swaps.
import sys

sys.setrecursionlimit(10_000)
data = sys.stdin.buffer.read().split()
n = int(data[0])
a = list(map(int, data[1 : 1 + n]))


def sort_count(xs: list[int]) -> tuple[list[int], int]:
    if len(xs) < 2:
        return xs, 0
    mid = len(xs) // 2
    left, c1 = sort_count(xs[:mid])
    right, c2 = sort_count(xs[mid:])
    merged, count, i, j = [], c1 + c2, 0, 0
    while i < len(left) and j < len(right):
        if right[j] <= left[i]:
            count += len(left) - i
            merged.append(right[j])
            j += 1
        else:
            merged.append(left[i])
            i += 1
    return merged + left[i:] + right[j:], count


print(sort_count(a)[1])
