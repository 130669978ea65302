# Reduces the exponent modulo p instead of p - 1.
import sys

P = 1_000_000_007
v = list(map(int, sys.stdin.buffer.read().split()))
out = []
for i in range(1, 1 + 3 * v[0], 3):
    a, b, c = v[i], v[i + 1], v[i + 2]
    out.append(pow(a, pow(b, c, P), P))
print("\n".join(map(str, out)))
