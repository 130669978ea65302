# Wrong: the block from left to right holds right - left + 1 piles, not right - left.
import sys

data = sys.stdin.read().split()
n, s = int(data[0]), int(data[1])
a = list(map(int, data[2 : 2 + n]))
best = 0
total = 0
left = 0
for right in range(n):
    total += a[right]
    while total - a[left] >= s:
        total -= a[left]
        left += 1
    if total >= s and (best == 0 or right - left < best):
        best = max(right - left, 1)
print(best)
