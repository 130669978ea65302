# Too slow: XORs every pair, O(N^2).
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
a = list(map(int, data[1 : 1 + n]))
total = 0
for i in range(n):
    x = a[i]
    total += sum(x ^ y for y in a[i + 1 :])
print(total)
