import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    coins = [0] + [int(x) for x in data[2 : 2 + n]]
    out: list[list[int]] = [[] for _ in range(n + 1)]
    base = 2 + n
    for i in range(m):
        out[int(data[base + 2 * i])].append(int(data[base + 2 * i + 1]))

    # Tarjan's algorithm from cave 1 only, without recursion. Components come out sinks first, so every component
    # that can be entered from the current one is finished (and has its best total) before it.
    index = [0] * (n + 1)  # 0: not visited yet; otherwise the visit number
    low = [0] * (n + 1)
    comp = [-1] * (n + 1)
    best: list[int] = []  # best[k]: most coins collectable from component k onwards
    stack: list[int] = []
    counter = 1
    index[1] = low[1] = counter
    stack.append(1)
    work = [(1, 0)]  # (cave, next tunnel to look at)
    while work:
        v, i = work[-1]
        edges = out[v]
        if i < len(edges):
            work[-1] = (v, i + 1)
            w = edges[i]
            if not index[w]:
                counter += 1
                index[w] = low[w] = counter
                stack.append(w)
                work.append((w, 0))
            elif comp[w] < 0 and index[w] < low[v]:
                low[v] = index[w]
            continue
        work.pop()
        if work:
            parent = work[-1][0]
            if low[v] < low[parent]:
                low[parent] = low[v]
        if low[v] == index[v]:
            k = len(best)
            members = []
            while True:
                w = stack.pop()
                comp[w] = k
                members.append(w)
                if w == v:
                    break
            total, after = 0, 0
            for w in members:
                total += coins[w]
                for x in out[w]:
                    c = comp[x]
                    if c != k and best[c] > after:
                        after = best[c]
            best.append(total + after)
    print(best[comp[1]])


main()
