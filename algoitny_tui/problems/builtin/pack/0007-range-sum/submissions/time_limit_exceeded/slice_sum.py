# Too slow: sums the range afresh for every question, O(N * Q).
import sys

data = sys.stdin.buffer.read().split()
n, q = int(data[0]), int(data[1])
a = list(map(int, data[2 : 2 + n]))
out = []
for i in range(q):
    lo, hi = int(data[2 + n + 2 * i]), int(data[3 + n + 2 * i])
    out.append(sum(a[lo - 1 : hi]))
print("\n".join(map(str, out)))
