# Correct, but without path compression or union by size: a chain makes every find O(N).
import sys

values = list(map(int, sys.stdin.buffer.read().split()))
n, q = values[0], values[1]
parent = list(range(n + 1))
size = [1] * (n + 1)


def find(x: int) -> int:
    while parent[x] != x:
        x = parent[x]
    return x


out = []
i = 2
for _ in range(q):
    kind = values[i]
    if kind == 2:
        out.append(size[find(values[i + 1])])
        i += 2
        continue
    a, b = find(values[i + 1]), find(values[i + 2])
    i += 3
    if kind == 1:
        if a != b:
            parent[a] = b
            size[b] += size[a]
    else:
        out.append("YES" if a == b else "NO")
print("\n".join(map(str, out)))
