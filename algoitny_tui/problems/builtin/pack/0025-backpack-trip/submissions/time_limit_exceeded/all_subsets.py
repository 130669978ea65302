# Tries every subset by recursion: 2^N calls.
import sys

values = list(map(int, sys.stdin.buffer.read().split()))
n, cap = values[0], values[1]
items = [(values[2 + 2 * i], values[3 + 2 * i]) for i in range(n)]


def best(i: int, room: int) -> int:
    if i == n:
        return 0
    w, v = items[i]
    skip = best(i + 1, room)
    return max(skip, best(i + 1, room - w) + v) if w <= room else skip


print(best(0, cap))
