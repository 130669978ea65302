import sys
from array import array
from itertools import accumulate


def main() -> None:
    values = list(map(int, sys.stdin.buffer.read().split()))
    pairs = list(zip(values[1::2], values[2::2]))
    limit = max(r for _, r in pairs)
    sieve = bytearray([1]) * (limit + 1)
    sieve[0] = 0
    sieve[1] = 0
    for p in range(2, int(limit**0.5) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytes(len(range(p * p, limit + 1, p)))
    count = array("i", accumulate(sieve))
    sys.stdout.write("".join(f"{count[r] - count[l - 1]}\n" for l, r in pairs))


main()
