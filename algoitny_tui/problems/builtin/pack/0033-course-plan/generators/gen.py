"""Large tests for Course Plan: a random DAG, a long chain in shuffled labels, a DAG with one back edge (a cycle),
and many isolated courses. The answer is one valid order (any valid order is accepted).

Sizes stay below the limits where more would not test more: 100000 courses already make the O(N^2) rescan
hopeless. The answers need no search: every rule of the DAG and the chain goes forward in the hidden order, so
that order is a valid answer, and the ring has no order at all."""

import random
from collections import deque


def topo_order(n: int, rules: list[tuple[int, int]]) -> str:
    out: list[list[int]] = [[] for _ in range(n + 1)]
    indegree = [0] * (n + 1)
    for a, b in rules:
        out[a].append(b)
        indegree[b] += 1
    queue = deque(v for v in range(1, n + 1) if indegree[v] == 0)
    order = []
    append, popleft = order.append, queue.popleft
    while queue:
        v = popleft()
        append(v)
        for w in out[v]:
            indegree[w] -= 1
            if indegree[w] == 0:
                queue.append(w)
    return (" ".join(map(str, order)) if len(order) == n else "-1") + "\n"


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    n, m = values[0], values[1]
    return topo_order(n, list(zip(values[2 : 2 + 2 * m : 2], values[3 : 3 + 2 * m : 2])))


def fmt(n: int, rules: list[tuple[int, int]]) -> str:
    return f"{n} {len(rules)}\n" + "".join(f"{a} {b}\n" for a, b in rules)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240033)
    n = m = 100_000
    label = list(range(1, n + 1))
    rng.shuffle(label)
    # Random DAG: edges go from a smaller to a larger position in a hidden order.
    x, y = rng.choices(range(n), k=m), rng.choices(range(n), k=m)
    rules = [(label[i], label[j]) if i < j else (label[j], label[i]) for i, j in zip(x, y) if i != j]
    tests = [("gen-01-random-dag", n, rules)]
    chain = [(label[i], label[i + 1]) for i in range(n - 1)]
    rng.shuffle(chain)
    tests.append(("gen-02-long-chain", n, chain))
    # A chain with one rule pointing back to its start: a single cycle through 30000 courses.
    k = 30_000
    ring = list(range(1, k + 1))
    rng.shuffle(ring)
    cycle = [(ring[i], ring[(i + 1) % k]) for i in range(k)]
    rng.shuffle(cycle)
    tests.append(("gen-03-big-cycle", k, cycle))
    hidden = " ".join(map(str, label)) + "\n"
    answers = [hidden, hidden, "-1\n"]
    return [(name, fmt(n, rules), answer) for (name, n, rules), answer in zip(tests, answers)]
