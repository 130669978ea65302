# Wrong: floats have 53 bits of precision, not enough for 10^18.
import sys

data = sys.stdin.read().split()
t = int(data[0])
for i in range(t):
    print(int(float(data[1 + 2 * i]) + float(data[2 + 2 * i])))
