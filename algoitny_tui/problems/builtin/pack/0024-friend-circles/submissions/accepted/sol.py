import sys


def main() -> None:
    values = list(map(int, sys.stdin.buffer.read().split()))
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
    sys.stdout.write("".join(f"{x}\n" for x in out))


main()
