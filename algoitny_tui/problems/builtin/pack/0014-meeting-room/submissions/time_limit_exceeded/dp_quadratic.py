# Too slow: dynamic programming over meetings sorted by end, looking back at every earlier meeting: O(N^2).
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
meetings = sorted((int(data[2 + 2 * i]), int(data[1 + 2 * i])) for i in range(n))
best = [0] * (n + 1)  # best[i]: most meetings among the first i (by end)
for i, (_end, start) in enumerate(meetings, 1):
    take = 1
    for j in range(i - 1, 0, -1):
        if meetings[j - 1][0] <= start:
            take = best[j] + 1
            break
    best[i] = max(best[i - 1], take)
print(best[n])
