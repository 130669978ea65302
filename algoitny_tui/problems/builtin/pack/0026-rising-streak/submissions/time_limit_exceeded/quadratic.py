# The textbook O(N^2) DP: best[i] = 1 + max(best[j]) over j < i with a[j] < a[i].
import sys

values = list(map(int, sys.stdin.buffer.read().split()))
a = values[1 : 1 + values[0]]
best = [1] * len(a)
for i in range(len(a)):
    for j in range(i):
        if a[j] < a[i] and best[j] + 1 > best[i]:
            best[i] = best[j] + 1
print(max(best))
