# Too slow: tries every start and extends the block until it holds S coins, O(N^2) for long answers.
import sys

data = sys.stdin.buffer.read().split()
n, s = int(data[0]), int(data[1])
a = list(map(int, data[2 : 2 + n]))
best = 0
for i in range(n):
    total = 0
    for j in range(i, n):
        total += a[j]
        if total >= s:
            if best == 0 or j - i + 1 < best:
                best = j - i + 1
            break
print(best)
