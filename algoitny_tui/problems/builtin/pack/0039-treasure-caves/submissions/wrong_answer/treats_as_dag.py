# Longest path by Kahn's topological order, as if the tunnels had no cycles: caves on a cycle never get to
# in-degree 0, so they and everything behind them are never counted.
import sys
from collections import deque

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
coins = [0] + [int(x) for x in data[2 : 2 + n]]
out: list[list[int]] = [[] for _ in range(n + 1)]
indegree = [0] * (n + 1)
for i in range(m):
    u, v = int(data[2 + n + 2 * i]), int(data[3 + n + 2 * i])
    out[u].append(v)
    indegree[v] += 1
best = [-1] * (n + 1)  # best[v]: most coins on a walk from cave 1 that ends in v (-1: not reached)
best[1] = coins[1]
queue = deque(v for v in range(1, n + 1) if indegree[v] == 0)
while queue:
    v = queue.popleft()
    for w in out[v]:
        if best[v] >= 0 and best[v] + coins[w] > best[w]:
            best[w] = best[v] + coins[w]
        indegree[w] -= 1
        if indegree[w] == 0:
            queue.append(w)
print(max(best))
