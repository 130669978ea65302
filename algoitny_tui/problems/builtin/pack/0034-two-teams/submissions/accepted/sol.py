import sys
from collections import deque


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adj: list[list[int]] = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        adj[u].append(v)
        adj[v].append(u)
    side = [-1] * (n + 1)
    for start in range(1, n + 1):
        if side[start] >= 0:
            continue
        side[start] = 0
        queue = deque([start])
        while queue:
            u = queue.popleft()
            other = 1 - side[u]
            for v in adj[u]:
                if side[v] < 0:
                    side[v] = other
                    queue.append(v)
                elif side[v] != other:
                    print("NO")
                    return
    print("YES")


main()
