# Too slow: checks every pair of prefix sums, O(N^2).
import sys
from itertools import accumulate

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
prefix = [0, *accumulate(map(int, data[2 : 2 + n]))]
count = 0
for j in range(1, n + 1):
    want = prefix[j] - k
    for i in range(j):
        if prefix[i] == want:
            count += 1
print(count)
