"""Large tests for Counting Shortest Routes: random graphs with many ties, a long heavy path (64-bit distances)
and a chain of diamonds with 2^k shortest routes (the count needs the modulus).

Answers are computed from the edge lists directly (no re-parsing of the text); those of the path and the diamonds
are known from their construction. 12000 towns already make the O(N^2) Dijkstra hopeless."""

import heapq
import random

MOD = 1_000_000_007


def routes(n: int, edges: list[tuple[int, int, int]]) -> str:
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n + 1)]
    for u, v, w in edges:
        adj[u].append((v, w))
        adj[v].append((u, w))
    inf = float("inf")
    dist = [inf] * (n + 1)
    ways = [0] * (n + 1)
    dist[1], ways[1] = 0, 1
    heap = [(0, 1)]
    push, pop = heapq.heappush, heapq.heappop
    while heap:
        d, u = pop(heap)
        if d > dist[u]:
            continue
        wu = ways[u]
        for v, w in adj[u]:
            nd = d + w
            dv = dist[v]
            if nd < dv:
                dist[v], ways[v] = nd, wu
                push(heap, (nd, v))
            elif nd == dv:
                ways[v] = (ways[v] + wu) % MOD
    return f"{dist[n]} {ways[n]}\n" if dist[n] != inf else "-1 0\n"


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    n, m = values[0], values[1]
    return routes(n, list(zip(values[2 : 2 + 3 * m : 3], values[3 : 3 + 3 * m : 3], values[4 : 4 + 3 * m : 3])))


def fmt(n: int, edges: list[tuple[int, int, int]]) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{u} {v} {w}\n" for u, v, w in edges)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240023)
    tests = []
    n, m = 12_000, 36_000
    towns = range(1, n + 1)
    ends = zip(rng.choices(towns, k=m), rng.choices(towns, k=m), rng.choices((1, 1, 2), k=m))
    edges = [(u, v, w) for u, v, w in ends if u != v]
    tests.append(("gen-01-random-ties", fmt(n, edges), routes(n, edges)))
    n, m = 8_000, 24_000
    towns = range(1, n + 1)
    ends = zip(rng.choices(towns, k=m), rng.choices(towns, k=m), rng.choices(range(1, 10**9 + 1), k=m))
    edges = [(u, v, w) for u, v, w in ends if u != v]
    tests.append(("gen-02-random-heavy", fmt(n, edges), routes(n, edges)))
    # One road between consecutive towns: one route, of total length near 5e13.
    n = 50_000
    weights = rng.choices((10**9, 10**9 - 1), k=n - 1)
    edges = [(i, i + 1, w) for i, w in zip(range(1, n), weights)]
    rng.shuffle(edges)
    tests.append(("gen-03-long-heavy-path", fmt(n, edges), f"{sum(weights)} 1\n"))
    # Diamonds: a -> b, a -> c, b -> d, c -> d, all of weight 1; 2^k shortest routes of length 2k through k diamonds.
    k = 3000
    edges = []
    for i in range(k):
        a = 3 * i + 1
        edges += [(a, a + 1, 1), (a, a + 2, 1), (a + 1, a + 3, 1), (a + 2, a + 3, 1)]
    n = 3 * k + 1
    rng.shuffle(edges)
    tests.append(("gen-04-diamonds", fmt(n, edges), f"{2 * k} {pow(2, k, MOD)}\n"))
    # Layers of 400 towns between town 1 and town n: roads of weight 1 to the next layer and of weight 2 over one
    # layer (a tie with two short roads), plus slow roads inside a layer. The number of routes is huge.
    width, layers = 400, 25
    n = width * layers + 2
    layer = [[1]] + [list(range(2 + i * width, 2 + (i + 1) * width)) for i in range(layers)] + [[n]]
    edges = []
    for i in range(1, len(layer)):
        for v in layer[i]:
            edges += [(rng.choice(layer[i - 1]), v, 1) for _ in range(2)]
            if i >= 2 and rng.random() < 0.3:
                edges.append((rng.choice(layer[i - 2]), v, 2))
            if len(layer[i]) > 1 and rng.random() < 0.3:
                edges.append((rng.choice(layer[i]), v, rng.randint(1, 3)))
    edges = [(u, v, w) for u, v, w in edges if u != v]
    rng.shuffle(edges)
    tests.append(("gen-05-layered-ties", fmt(n, edges), routes(n, edges)))
    return tests
