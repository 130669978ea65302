# Tries every d from the largest difference down to 1.
import sys

values = list(map(int, sys.stdin.buffer.read().split()))
a = values[1 : 1 + values[0]]
span = max(a) - min(a)
if span == 0:
    print(-1)
else:
    for d in range(span, 0, -1):
        r = a[0] % d
        if all(x % d == r for x in a):
            print(d)
            break
