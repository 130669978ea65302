import sys
from array import array

LIMIT = 1_000_000


def smallest_factors(limit: int) -> array:
    """spf[x]: the smallest prime factor of x, or 0 when x is prime (or x < 2)."""
    spf = array("i", bytes(4 * (limit + 1)))
    small = [p for p in range(2, int(limit**0.5) + 1) if all(p % q for q in range(2, int(p**0.5) + 1))]
    # Larger primes first, so that a smaller prime overwrites them: the last write is the smallest factor.
    for p in reversed(small):
        spf[p * p :: p] = array("i", [p]) * len(range(p * p, limit + 1, p))
    return spf


def main() -> None:
    data = sys.stdin.buffer.read().split()
    q = int(data[0])
    spf = smallest_factors(LIMIT)
    out = []
    for token in data[1 : 1 + q]:
        x = int(token)
        count = 1
        while x > 1:
            p = spf[x] or x  # no smaller factor: x itself is prime
            e = 1
            x //= p
            while x % p == 0:
                x //= p
                e += 1
            count *= e + 1
        out.append(count)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
