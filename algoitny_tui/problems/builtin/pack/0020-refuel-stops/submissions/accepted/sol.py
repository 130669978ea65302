import heapq
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, d, fuel = int(data[0]), int(data[1]), int(data[2])
    stations = sorted(zip(map(int, data[3 : 3 + 2 * n : 2]), map(int, data[4 : 4 + 2 * n : 2]), strict=True))
    stations.append((d, 0))
    # Drive on; keep the fuel of passed stations in a max-heap and, when short, stop (after the fact) at the best.
    passed: list[int] = []
    stops = 0
    reach = fuel
    for position, amount in stations:
        while reach < position and passed:
            reach -= heapq.heappop(passed)
            stops += 1
        if reach < position:
            print(-1)
            return
        heapq.heappush(passed, -amount)
    print(stops)


main()
