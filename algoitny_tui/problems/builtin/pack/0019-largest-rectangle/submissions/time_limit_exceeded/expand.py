# Too slow: spreads left and right from every building while neighbours are at least as tall, O(N^2).
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
h = list(map(int, data[1 : 1 + n]))
best = 0
for i in range(n):
    left = i
    while left > 0 and h[left - 1] >= h[i]:
        left -= 1
    right = i
    while right + 1 < n and h[right + 1] >= h[i]:
        right += 1
    best = max(best, h[i] * (right - left + 1))
print(best)
