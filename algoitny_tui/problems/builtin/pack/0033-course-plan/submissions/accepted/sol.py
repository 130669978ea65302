import sys
from collections import deque


def main() -> None:
    values = list(map(int, sys.stdin.buffer.read().split()))
    n, m = values[0], values[1]
    out: list[list[int]] = [[] for _ in range(n + 1)]
    indegree = [0] * (n + 1)
    for a, b in zip(values[2 : 2 + 2 * m : 2], values[3 : 3 + 2 * m : 2]):
        out[a].append(b)
        indegree[b] += 1
    queue = deque(v for v in range(1, n + 1) if indegree[v] == 0)
    order = []
    while queue:
        v = queue.popleft()
        order.append(v)
        for w in out[v]:
            indegree[w] -= 1
            if indegree[w] == 0:
                queue.append(w)
    print(" ".join(map(str, order)) if len(order) == n else -1)


main()
