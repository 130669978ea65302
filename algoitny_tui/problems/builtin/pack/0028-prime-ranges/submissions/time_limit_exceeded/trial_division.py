# Tests every number of every range by trial division.
import sys

values = list(map(int, sys.stdin.buffer.read().split()))


def is_prime(x: int) -> bool:
    if x < 2:
        return False
    d = 2
    while d * d <= x:
        if x % d == 0:
            return False
        d += 1
    return True


out = []
for l, r in zip(values[1::2], values[2::2]):
    out.append(sum(1 for x in range(l, r + 1) if is_prime(x)))
print("\n".join(map(str, out)))
