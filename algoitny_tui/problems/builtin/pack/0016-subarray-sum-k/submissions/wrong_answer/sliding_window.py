# Wrong: a sliding window assumes the sum only grows when the window grows; negative amounts break that.
import sys

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
a = list(map(int, data[2 : 2 + n]))
count = total = left = 0
for right in range(n):
    total += a[right]
    while left <= right and total > k:
        total -= a[left]
        left += 1
    if total == k and left <= right:
        count += 1
print(count)
