# Wrong: looks only at windows that start at multiples of K, repeating each maximum K times.
import sys

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
a = list(map(int, data[2 : 2 + n]))
out = []
for start in range(0, n - k + 1, k):
    out += [max(a[start : start + k])] * k
print(" ".join(map(str, out[: n - k + 1])))
