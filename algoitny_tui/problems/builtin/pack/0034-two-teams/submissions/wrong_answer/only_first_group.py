# Colours only the group of player 1: an odd cycle among the other players goes unnoticed.
import sys
from collections import deque

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
adj: list[list[int]] = [[] for _ in range(n + 1)]
for i in range(m):
    u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
    adj[u].append(v)
    adj[v].append(u)
side = [-1] * (n + 1)
side[1] = 0
queue = deque([1])
ok = True
while queue:
    u = queue.popleft()
    for v in adj[u]:
        if side[v] < 0:
            side[v] = 1 - side[u]
            queue.append(v)
        elif side[v] == side[u]:
            ok = False
print("YES" if ok else "NO")
