"""Large tests for Subway Hops: a random sparse network, a long line, and layered graphs with edges inside layers.

The answer of the random network comes from a BFS over its edge list (no re-parsing of the text); those of the line
and the layers are known from their construction."""

import random
from collections import deque


def hops(n: int, edges: list[tuple[int, int]]) -> str:
    adj: list[list[int]] = [[] for _ in range(n + 1)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    dist = [-1] * (n + 1)
    dist[1] = 0
    queue = deque([1])
    popleft, append = queue.popleft, queue.append
    while queue:
        u = popleft()
        du = dist[u] + 1
        for v in adj[u]:
            if dist[v] < 0:
                dist[v] = du
                append(v)
    return " ".join(map(str, dist[1:])) + "\n"


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    return hops(values[0], list(zip(values[2::2], values[3::2])))


def fmt(n: int, edges: list[tuple[int, int]]) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{u} {v}\n" for u, v in edges)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240021)
    tests = []
    n = 50_000
    stations = range(1, n + 1)
    edges = [(u, v) for u, v in zip(rng.choices(stations, k=n), rng.choices(stations, k=n)) if u != v]
    tests.append(("gen-01-random", fmt(n, edges), hops(n, edges)))
    # The answer of a line is its position: the hop counts go up to n - 1.
    n = 60_000
    path = [1] + rng.sample(range(2, n + 1), n - 1)
    edges = [(path[i], path[i + 1]) for i in range(n - 1)]
    rng.shuffle(edges)
    dist = [0] * (n + 1)
    for i, v in enumerate(path):
        dist[v] = i
    tests.append(("gen-02-long-line", fmt(n, edges), " ".join(map(str, dist[1:])) + "\n"))
    # Layers of 5 stations; every station links to the previous layer and to its neighbour in its own layer.
    n, width = 30_000, 5
    edges = []
    for v in range(2, n + 1):
        layer_start = 2 + (v - 2) // width * width
        prev = 1 if layer_start == 2 else rng.randint(layer_start - width, layer_start - 1)
        edges.append((prev, v))
        if v + 1 < layer_start + width and v + 1 <= n:
            edges.append((v, v + 1))
    rng.shuffle(edges)
    # Station v >= 2 is in layer (v - 2) // width, one hop further than the layer before it.
    dist = [0] + [(v - 2) // width + 1 for v in range(2, n + 1)]
    tests.append(("gen-03-layers", fmt(n, edges), " ".join(map(str, dist)) + "\n"))
    return tests
