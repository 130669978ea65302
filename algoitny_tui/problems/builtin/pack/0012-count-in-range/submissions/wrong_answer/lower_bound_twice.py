# Wrong: bisect_left for r as well, so values equal to r are not counted.
import sys
from bisect import bisect_left

data = sys.stdin.read().split()
n, q = int(data[0]), int(data[1])
a = sorted(map(int, data[2 : 2 + n]))
for i in range(q):
    lo, hi = int(data[2 + n + 2 * i]), int(data[3 + n + 2 * i])
    print(bisect_left(a, hi) - bisect_left(a, lo))
