# Prints the gcd even when it is 0 (all numbers equal), instead of -1.
import sys
from math import gcd

values = list(map(int, sys.stdin.buffer.read().split()))
a = values[1 : 1 + values[0]]
g = 0
for x in a:
    g = gcd(g, x - a[0])
print(g)
