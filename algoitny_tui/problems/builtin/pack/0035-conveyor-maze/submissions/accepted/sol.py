import sys
from collections import deque


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    belt = b"".join(data[2 : 2 + n])
    step = {ord("U"): -m, ord("D"): m, ord("L"): -1, ord("R"): 1}
    total = n * m
    inf = total + 1
    dist = [inf] * total
    dist[0] = 0
    queue = deque([0])
    while queue:
        u = queue.popleft()
        du = dist[u]
        free = u + step[belt[u]]
        c = u % m
        for v, ok in ((u - m, u >= m), (u + m, u + m < total), (u - 1, c > 0), (u + 1, c + 1 < m)):
            if not ok:
                continue
            if v == free:
                if du < dist[v]:
                    dist[v] = du
                    queue.appendleft(v)
            elif du + 1 < dist[v]:
                dist[v] = du + 1
                queue.append(v)
    print(dist[total - 1])


main()
