# Wrong greedy: when the next point is out of reach, stops at the station it is standing at (the latest one passed)
# instead of the passed station with the most fuel.
import sys

data = sys.stdin.read().split()
n, d, fuel = int(data[0]), int(data[1]), int(data[2])
stations = sorted((int(data[3 + 2 * i]), int(data[4 + 2 * i])) for i in range(n))
stations.append((d, 0))
reach = fuel
stops = 0
for i, (position, _) in enumerate(stations):
    if reach < position:
        print(-1)
        break
    if i + 1 < len(stations) and reach < stations[i + 1][0] and i < n:
        reach += stations[i][1]
        stops += 1
else:
    print(stops)
