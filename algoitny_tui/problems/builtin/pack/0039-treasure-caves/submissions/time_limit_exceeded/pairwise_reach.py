# Finds the caves reachable from cave 1, then, for each of them, searches again to find every cave it can reach:
# O(N * (N + M)). The best walk is then a longest path over "can reach each other" groups.
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
coins = [0] + [int(x) for x in data[2 : 2 + n]]
out: list[list[int]] = [[] for _ in range(n + 1)]
for i in range(m):
    out[int(data[2 + n + 2 * i])].append(int(data[3 + n + 2 * i]))


def reach(s: int) -> set[int]:
    seen, todo = {s}, [s]
    while todo:
        v = todo.pop()
        for w in out[v]:
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return seen


caves = reach(1)
reaches = {v: reach(v) for v in caves}
group = {v: frozenset(w for w in reaches[v] if v in reaches[w]) for v in caves}
groups = set(group.values())
value = {g: sum(coins[v] for v in g) for g in groups}
# A group's best: its own coins plus the best group it can reach next; bigger reach sets come first in the order.
best: dict[frozenset[int], int] = {}
for g in sorted(groups, key=lambda g: len(reaches[next(iter(g))])):
    after = 0
    for v in g:
        for w in out[v]:
            if w not in g:
                after = max(after, best[group[w]])
    best[g] = value[g] + after
print(best[group[1]])
