# Does not skip out-of-date heap entries: a town popped twice adds its routes to its neighbours twice.
import heapq
import sys

MOD = 1_000_000_007
values = list(map(int, sys.stdin.buffer.read().split()))
n, m = values[0], values[1]
adj: list[list[tuple[int, int]]] = [[] for _ in range(n + 1)]
for i in range(2, 2 + 3 * m, 3):
    u, v, w = values[i], values[i + 1], values[i + 2]
    adj[u].append((v, w))
    adj[v].append((u, w))
inf = float("inf")
dist = [inf] * (n + 1)
ways = [0] * (n + 1)
dist[1], ways[1] = 0, 1
heap = [(0, 1)]
while heap:
    d, u = heapq.heappop(heap)
    for v, w in adj[u]:
        nd = dist[u] + w
        if nd < dist[v]:
            dist[v], ways[v] = nd, ways[u]
            heapq.heappush(heap, (nd, v))
        elif nd == dist[v]:
            ways[v] = (ways[v] + ways[u]) % MOD
print(f"{dist[n]} {ways[n]}" if dist[n] != inf else "-1 0")
