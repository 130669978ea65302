# For every request, looks at every request that ends earlier: O(N^2).
import sys

values = list(map(int, sys.stdin.buffer.read().split()))
n = values[0]
requests = sorted(zip(values[2 : 2 + 3 * n : 3], values[1 : 1 + 3 * n : 3], values[3 : 3 + 3 * n : 3]))
best = [0] * n  # best[k]: the most money from a plan whose last event is request k
for k, (e, s, p) in enumerate(requests):
    before = 0
    for j in range(k):
        if requests[j][0] <= s and best[j] > before:
            before = best[j]
    best[k] = before + p
print(max(best))
