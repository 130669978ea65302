"""Large tests for Subway Hops: a random sparse network, a long line, and layered graphs with edges inside layers."""

import random
from collections import deque


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    n = values[0]
    adj: list[list[int]] = [[] for _ in range(n + 1)]
    for u, v in zip(values[2::2], values[3::2]):
        adj[u].append(v)
        adj[v].append(u)
    dist = [-1] * (n + 1)
    dist[1] = 0
    queue = deque([1])
    while queue:
        u = queue.popleft()
        for v in adj[u]:
            if dist[v] < 0:
                dist[v] = dist[u] + 1
                queue.append(v)
    return " ".join(map(str, dist[1:])) + "\n"


def fmt(n: int, edges: list[tuple[int, int]]) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{u} {v}\n" for u, v in edges)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240021)
    tests = []
    n = 100_000
    edges = [(rng.randrange(1, n + 1), rng.randrange(1, n + 1)) for _ in range(n)]
    edges = [(u, v) for u, v in edges if u != v]
    tests.append(("gen-01-random-max", fmt(n, edges)))
    n = 200_000
    order = list(range(2, n + 1))
    rng.shuffle(order)
    path = [1] + order
    edges = [(path[i], path[i + 1]) for i in range(n - 1)]
    rng.shuffle(edges)
    tests.append(("gen-02-long-line", fmt(n, edges)))
    # Layers of 5 stations; every station links to the previous layer and to its neighbour in its own layer.
    n, width = 50_000, 5
    edges = []
    for v in range(2, n + 1):
        layer_start = 2 + (v - 2) // width * width
        prev = 1 if layer_start == 2 else rng.randint(layer_start - width, layer_start - 1)
        edges.append((prev, v))
        if v + 1 < layer_start + width and v + 1 <= n:
            edges.append((v, v + 1))
    rng.shuffle(edges)
    tests.append(("gen-03-layers", fmt(n, edges)))
    return [(name, data, solve(data)) for name, data in tests]
