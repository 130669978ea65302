# Wrong: counts a bit for every pair where at least one number has it (OR), not exactly one (XOR).
import sys

data = sys.stdin.read().split()
n = int(data[0])
a = list(map(int, data[1 : 1 + n]))
total = 0
for bit in range(30):
    zeros = sum(1 for x in a if not (x >> bit) & 1)
    total += (n * (n - 1) // 2 - zeros * (zeros - 1) // 2) << bit
print(total)
