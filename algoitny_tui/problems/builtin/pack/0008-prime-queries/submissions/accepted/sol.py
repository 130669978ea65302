import sys
from itertools import accumulate


def main() -> None:
    data = sys.stdin.buffer.read().split()
    q = int(data[0])
    pairs = list(map(int, data[1 : 1 + 2 * q]))
    limit = max(pairs)
    # Sieve of Eratosthenes, then prefix counts: counts[x] = number of primes <= x.
    sieve = bytearray([1]) * (limit + 1)
    sieve[0] = 0
    if limit >= 1:
        sieve[1] = 0
    for p in range(2, int(limit**0.5) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytes(len(range(p * p, limit + 1, p)))
    counts = list(accumulate(sieve))
    out = [counts[pairs[2 * i + 1]] - counts[pairs[2 * i] - 1] for i in range(q)]
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
