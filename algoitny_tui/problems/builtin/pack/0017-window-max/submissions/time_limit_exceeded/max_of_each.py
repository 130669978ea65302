# Too slow: computes the maximum of every window from scratch, O(N * K).
import sys

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
a = list(map(int, data[2 : 2 + n]))
print(" ".join(str(max(a[i : i + k])) for i in range(n - k + 1)))
