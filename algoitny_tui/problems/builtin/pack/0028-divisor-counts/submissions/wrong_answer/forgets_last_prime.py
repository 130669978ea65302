# Smallest-factor sieve, but it stops when the sieve has no factor recorded: the last prime factor (the one left
# over when x becomes prime) is never counted.
import sys
from array import array

LIMIT = 1_000_000
data = sys.stdin.buffer.read().split()
q = int(data[0])
spf = array("i", bytes(4 * (LIMIT + 1)))
small = [p for p in range(2, 1001) if all(p % d for d in range(2, int(p**0.5) + 1))]
for p in reversed(small):
    spf[p * p :: p] = array("i", [p]) * len(range(p * p, LIMIT + 1, p))
out = []
for token in data[1 : 1 + q]:
    x = int(token)
    count = 1
    while x > 1 and spf[x]:
        p = spf[x]
        e = 0
        while x % p == 0:
            x //= p
            e += 1
        count *= e + 1
    out.append(count)
print("\n".join(map(str, out)))
