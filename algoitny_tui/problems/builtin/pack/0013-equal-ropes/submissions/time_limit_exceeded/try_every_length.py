# Too slow: tries every length from the longest rope down, O(N * max L).
import sys

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
ropes = list(map(int, data[2 : 2 + n]))
x = max(ropes)
while x > 0 and sum(length // x for length in ropes) < k:
    x -= 1
print(x)
