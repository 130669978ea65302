# Uses bisect_right: equal temperatures extend the streak (longest non-decreasing subsequence).
import sys
from bisect import bisect_right

values = list(map(int, sys.stdin.buffer.read().split()))
tails: list[int] = []
for x in values[1 : 1 + values[0]]:
    i = bisect_right(tails, x)
    if i == len(tails):
        tails.append(x)
    else:
        tails[i] = x
print(len(tails))
