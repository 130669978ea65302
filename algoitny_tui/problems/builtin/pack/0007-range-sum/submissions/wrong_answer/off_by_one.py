# Wrong: prefix[r] - prefix[lo] leaves out day lo.
import sys
from itertools import accumulate

data = sys.stdin.read().split()
n, q = int(data[0]), int(data[1])
prefix = [0, *accumulate(map(int, data[2 : 2 + n]))]
for i in range(q):
    lo, hi = int(data[2 + n + 2 * i]), int(data[3 + n + 2 * i])
    print(prefix[hi] - prefix[lo])
