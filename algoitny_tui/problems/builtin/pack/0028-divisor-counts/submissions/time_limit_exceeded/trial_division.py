# Tries every d up to sqrt(x) for every number: about 1000 divisions per number near 10^6.
import sys
from math import isqrt

data = sys.stdin.buffer.read().split()
q = int(data[0])
out = []
for token in data[1 : 1 + q]:
    x = int(token)
    count = 0
    for d in range(1, isqrt(x) + 1):
        if x % d == 0:
            count += 1 if d * d == x else 2
    out.append(count)
print("\n".join(map(str, out)))
