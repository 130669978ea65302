"""Large tests for Treasure Caves. Each graph is built from a known condensation: groups of caves numbered in
topological order, each group of two or more caves closed into a cycle (plus tunnels inside it), and tunnels between
groups only from a lower group to a higher one. The answer is then a longest-path DP over the groups, computed here
without finding any component. Cave labels and tunnel order are shuffled.

Tests: many small groups with cave 1 after the first few thousand (rich groups before it are out of reach), a chain
of 60000 single caves (deep for recursive search), one cycle through every cave, and a few big groups."""

import random


def build(
    rng: random.Random, sizes: list[int], start_group: int, m: int, reach: int
) -> tuple[str, str]:
    """Groups of the given sizes; cave 1 is in ``start_group``; m tunnels, those between groups span at most
    ``reach`` groups."""
    n = sum(sizes)
    k = len(sizes)
    labels = list(range(2, n + 1))
    rng.shuffle(labels)
    first = sum(sizes[:start_group])
    labels.insert(first, 1)
    members: list[list[int]] = []
    at = 0
    for size in sizes:
        members.append(labels[at : at + size])
        at += size
    edges: list[tuple[int, int]] = []
    for group in members:
        if len(group) > 1:
            edges += [(group[i - 1], group[i]) for i in range(len(group))]
    extra = m - len(edges)
    inside = extra // 4 if k > 1 else extra
    big = [g for g in range(k) if len(members[g]) > 1]
    if big and inside:
        for g, x, y in zip(rng.choices(big, k=inside), rng.choices(range(n), k=inside), rng.choices(range(n), k=inside)):
            group = members[g]
            u, v = group[x % len(group)], group[y % len(group)]
            if u != v:
                edges.append((u, v))
    # A spine from every group to the next keeps the paths long; the other tunnels between groups are random.
    later: list[list[int]] = [[g + 1] for g in range(k - 1)] + [[]]
    edges += [(members[g][-1], members[g + 1][0]) for g in range(k - 1)]
    between = m - len(edges)
    starts = rng.choices(range(k - 1), k=between) if k > 1 else []
    steps = rng.choices(range(1, reach + 1), k=between)
    picks = rng.choices(range(n), k=2 * between)
    for a, step, x, y in zip(starts, steps, picks[::2], picks[1::2]):
        b = a + step if a + step < k else k - 1
        later[a].append(b)
        edges.append((members[a][x % len(members[a])], members[b][y % len(members[b])]))
    coins = [0] * (n + 1)
    values = rng.choices(range(10**9 + 1), k=n)
    for v, c in zip(labels, values):
        coins[v] = c
    # Groups before the start one hold more coins: out of reach, but tempting.
    for g in range(start_group):
        for v in members[g]:
            coins[v] = 10**9
    best = [0] * k
    for g in range(k - 1, -1, -1):
        after = 0
        for b in later[g]:
            if best[b] > after:
                after = best[b]
        best[g] = sum([coins[v] for v in members[g]]) + after
    rng.shuffle(edges)
    text = f"{n} {len(edges)}\n" + " ".join(map(str, coins[1:])) + "\n" + "".join(f"{u} {v}\n" for u, v in edges)
    return text, f"{best[start_group]}\n"


def chain(rng: random.Random, n: int) -> tuple[str, str]:
    """Single caves in one line from cave 1: the answer is every coin."""
    labels = list(range(2, n + 1))
    rng.shuffle(labels)
    labels.insert(0, 1)
    edges = list(zip(labels, labels[1:]))
    rng.shuffle(edges)
    coins = rng.choices(range(10**9 + 1), k=n)
    text = f"{n} {n - 1}\n" + " ".join(map(str, coins)) + "\n" + "".join(f"{u} {v}\n" for u, v in edges)
    return text, f"{sum(coins)}\n"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240039)
    tests = []
    sizes = rng.choices(range(1, 9), k=8_000)
    tests.append(("gen-01-many-groups", *build(rng, sizes, 800, 60_000, 40)))
    tests.append(("gen-02-long-chain", *chain(rng, 60_000)))
    tests.append(("gen-03-one-big-cycle", *build(rng, [25_000], 0, 35_000, 1)))
    sizes = [rng.randint(1_000, 4_000) for _ in range(8)]
    tests.append(("gen-04-few-big-groups", *build(rng, sizes, 3, 30_000, 3)))
    return tests
