# Too slow: walks over every multiple of K in the range (10^18 of them when K = 1).
import sys

tokens = sys.stdin.read().split()
for i in range(int(tokens[0])):
    left, right, k = map(int, tokens[1 + 3 * i : 4 + 3 * i])
    first = (left + k - 1) // k * k
    total = 0
    x = first
    while x <= right:
        total += 1
        x += k
    print(total)
