"""Large tests for Friend Circles: random events, and a long chain built from one end (slow without path
compression and union by size)."""

import random


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    n, q = values[0], values[1]
    parent = list(range(n + 1))
    size = [1] * (n + 1)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

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
                if size[a] < size[b]:
                    a, b = b, a
                parent[b] = a
                size[a] += size[b]
        else:
            out.append("YES" if a == b else "NO")
    return "".join(f"{x}\n" for x in out)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240024)
    tests = []
    n = q = 200_000
    users = range(1, n + 1)
    kinds = rng.choices((1, 2, 3), weights=(5, 2, 3), k=q)
    a, b = rng.choices(users, k=q), rng.choices(users, k=q)
    lines = [f"{k} {x}" if k == 2 else f"{k} {x} {y}" for k, x, y in zip(kinds, a, b)]
    tests.append(("gen-01-random-max", f"{n} {q}\n" + "\n".join(lines) + "\n"))
    # Chain: 1-2, 1-3, 1-4, ...; a naive union hangs each new user below the old root, so the chain grows.
    lines = [f"1 1 {k}" for k in range(2, n // 2 + 2)]
    lines += [f"3 1 {rng.randrange(1, n + 1)}" if i % 2 else f"2 {rng.randrange(1, n // 2)}" for i in range(q - len(lines))]
    tests.append(("gen-02-chain", f"{n} {q}\n" + "\n".join(lines) + "\n"))
    return [(name, data, solve(data)) for name, data in tests]
