# Finds the caves reachable from cave 1, then, for each of them, searches again to find every cave it can reach:
# O(N * (N + M)). The best walk is then a longest path over "can reach each other" groups. Each reach set is a
# bytearray (a byte per cave), so the memory stays far below the limit while the time runs out.
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
coins = [0] + [int(x) for x in data[2 : 2 + n]]
out: list[list[int]] = [[] for _ in range(n + 1)]
for i in range(m):
    out[int(data[2 + n + 2 * i])].append(int(data[3 + n + 2 * i]))


def reach(s: int) -> bytearray:
    seen = bytearray(n + 1)
    seen[s] = 1
    todo = [s]
    while todo:
        v = todo.pop()
        for w in out[v]:
            if not seen[w]:
                seen[w] = 1
                todo.append(w)
    return seen


from_one = reach(1)
caves = [v for v in range(1, n + 1) if from_one[v]]
reaches = {v: reach(v) for v in caves}
group = {v: frozenset(w for w in caves if reaches[v][w] and reaches[w][v]) for v in caves}
groups = set(group.values())
value = {g: sum(coins[v] for v in g) for g in groups}
# A group's best: its own coins plus the best group it can reach next. A group reaches fewer caves than any group
# that reaches it, so in the order of reach sizes what a group reaches comes first.
best: dict[frozenset[int], int] = {}
for g in sorted(groups, key=lambda g: reaches[next(iter(g))].count(1)):
    after = 0
    for v in g:
        for w in out[v]:
            if w not in g:
                after = max(after, best[group[w]])
    best[g] = value[g] + after
print(best[group[1]])
