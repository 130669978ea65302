# Wrong: the search range [1, max) leaves out the longest rope's own length.
import sys

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
ropes = list(map(int, data[2 : 2 + n]))
lo, hi = 1, max(ropes)
best = 0
while lo < hi:
    mid = (lo + hi) // 2
    if sum(x // mid for x in ropes) >= k:
        best = mid
        lo = mid + 1
    else:
        hi = mid
print(best)
