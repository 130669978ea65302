"""Large tests for Counting Shortest Routes: random graphs with many ties, a long heavy path (64-bit distances)
and a chain of diamonds with 2^k shortest routes (the count needs the modulus)."""

import heapq
import random

MOD = 1_000_000_007


def solve(data: str) -> str:
    values = list(map(int, data.split()))
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
        if d > dist[u]:
            continue
        for v, w in adj[u]:
            nd = d + w
            if nd < dist[v]:
                dist[v], ways[v] = nd, ways[u]
                heapq.heappush(heap, (nd, v))
            elif nd == dist[v]:
                ways[v] = (ways[v] + ways[u]) % MOD
    return f"{dist[n]} {ways[n]}\n" if dist[n] != inf else "-1 0\n"


def fmt(n: int, edges: list[tuple[int, int, int]]) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{u} {v} {w}\n" for u, v, w in edges)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240023)
    tests = []
    n, m = 100_000, 200_000
    towns = range(1, n + 1)
    ends = zip(rng.choices(towns, k=m), rng.choices(towns, k=m), rng.choices((1, 2, 3), k=m))
    edges = [(u, v, w) for u, v, w in ends if u != v]
    tests.append(("gen-01-random-ties", fmt(n, edges)))
    n, m = 20_000, 60_000
    towns = range(1, n + 1)
    ends = zip(rng.choices(towns, k=m), rng.choices(towns, k=m), rng.choices(range(1, 10**9 + 1), k=m))
    edges = [(u, v, w) for u, v, w in ends if u != v]
    tests.append(("gen-02-random-heavy", fmt(n, edges)))
    n = 100_000
    edges = [(i, i + 1, w) for i, w in zip(range(1, n), rng.choices((10**9, 10**9 - 1), k=n - 1))]
    rng.shuffle(edges)
    tests.append(("gen-03-long-heavy-path", fmt(n, edges)))
    # Diamonds: a -> b, a -> c, b -> d, c -> d, all of weight 1; 2^k shortest routes through k diamonds.
    k = 3000
    edges = []
    for i in range(k):
        a = 3 * i + 1
        edges += [(a, a + 1, 1), (a, a + 2, 1), (a + 1, a + 3, 1), (a + 2, a + 3, 1)]
    n = 3 * k + 1
    rng.shuffle(edges)
    tests.append(("gen-04-diamonds", fmt(n, edges)))
    return [(name, data, solve(data)) for name, data in tests]
