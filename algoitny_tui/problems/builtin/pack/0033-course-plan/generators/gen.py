"""Large tests for Course Plan: a random DAG, a long chain in shuffled labels, a DAG with one back edge (a cycle),
and many isolated courses. The answer is one valid order (any valid order is accepted)."""

import random
from collections import deque


def solve(data: str) -> str:
    values = list(map(int, data.split()))
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
    return (" ".join(map(str, order)) if len(order) == n else "-1") + "\n"


def fmt(n: int, rules: list[tuple[int, int]]) -> str:
    return f"{n} {len(rules)}\n" + "".join(f"{a} {b}\n" for a, b in rules)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240033)
    n = m = 200_000
    label = list(range(1, n + 1))
    rng.shuffle(label)
    # Random DAG: edges go from a smaller to a larger position in a hidden order.
    x, y = rng.choices(range(n), k=m), rng.choices(range(n), k=m)
    rules = [(label[min(i, j)], label[max(i, j)]) for i, j in zip(x, y) if i != j]
    tests = [("gen-01-random-dag", fmt(n, rules))]
    chain = [(label[i], label[i + 1]) for i in range(n - 1)]
    rng.shuffle(chain)
    tests.append(("gen-02-long-chain", fmt(n, chain)))
    # A chain with one rule pointing back to its start: a single cycle through 50000 courses.
    k = 50_000
    ring = list(range(1, k + 1))
    rng.shuffle(ring)
    cycle = [(ring[i], ring[(i + 1) % k]) for i in range(k)]
    rng.shuffle(cycle)
    tests.append(("gen-03-big-cycle", fmt(k, cycle)))
    return [(name, data, solve(data)) for name, data in tests]
