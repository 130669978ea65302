# Off by one: counts primes in (L, R] instead of [L, R].
import sys
from itertools import accumulate

values = list(map(int, sys.stdin.buffer.read().split()))
pairs = list(zip(values[1::2], values[2::2]))
limit = max(r for _, r in pairs)
sieve = bytearray([1]) * (limit + 1)
sieve[0] = sieve[1] = 0
for p in range(2, int(limit**0.5) + 1):
    if sieve[p]:
        sieve[p * p :: p] = bytes(len(range(p * p, limit + 1, p)))
count = list(accumulate(sieve))
print("\n".join(str(count[r] - count[l]) for l, r in pairs))
