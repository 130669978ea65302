# Looks for a course with no remaining prerequisites by scanning all courses each time: O(N^2).
import sys

values = list(map(int, sys.stdin.buffer.read().split()))
n, m = values[0], values[1]
out: list[list[int]] = [[] for _ in range(n + 1)]
indegree = [0] * (n + 1)
for a, b in zip(values[2 : 2 + 2 * m : 2], values[3 : 3 + 2 * m : 2]):
    out[a].append(b)
    indegree[b] += 1
taken = [False] * (n + 1)
order = []
for _ in range(n):
    pick = next((v for v in range(1, n + 1) if not taken[v] and indegree[v] == 0), 0)
    if not pick:
        break
    taken[pick] = True
    order.append(pick)
    for w in out[pick]:
        indegree[w] -= 1
print(" ".join(map(str, order)) if len(order) == n else -1)
