# Too slow: tests every number of every range by trial division.
import sys


def is_prime(x: int) -> bool:
    if x < 2:
        return False
    d = 2
    while d * d <= x:
        if x % d == 0:
            return False
        d += 1
    return True


data = sys.stdin.read().split()
q = int(data[0])
for i in range(q):
    a, b = int(data[1 + 2 * i]), int(data[2 + 2 * i])
    print(sum(1 for x in range(a, b + 1) if is_prime(x)))
