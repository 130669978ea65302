# Wrong: forgets that 1 is not a prime.
import sys
from itertools import accumulate

data = sys.stdin.read().split()
q = int(data[0])
limit = 1_000_000
sieve = bytearray([1]) * (limit + 1)
sieve[0] = 0
for p in range(2, 1001):
    if sieve[p]:
        sieve[p * p :: p] = bytes(len(range(p * p, limit + 1, p)))
counts = list(accumulate(sieve))
for i in range(q):
    a, b = int(data[1 + 2 * i]), int(data[2 + 2 * i])
    print(counts[b] - counts[a - 1])
