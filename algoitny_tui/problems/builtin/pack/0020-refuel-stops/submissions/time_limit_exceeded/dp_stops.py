# Too slow: best[k] = farthest reach with k stops, updated for every station: O(N^2).
import sys

data = sys.stdin.buffer.read().split()
n, d, fuel = int(data[0]), int(data[1]), int(data[2])
stations = sorted((int(data[3 + 2 * i]), int(data[4 + 2 * i])) for i in range(n))
best = [fuel] + [-1] * n
for i, (position, amount) in enumerate(stations):
    for k in range(i, -1, -1):
        if best[k] >= position and best[k] + amount > best[k + 1]:
            best[k + 1] = best[k] + amount
print(next((k for k, reach in enumerate(best) if reach >= d), -1))
