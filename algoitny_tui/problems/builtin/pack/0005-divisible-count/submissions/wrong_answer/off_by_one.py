# Wrong: R // K - L // K misses L itself when L is a multiple of K.
import sys

tokens = sys.stdin.read().split()
for i in range(int(tokens[0])):
    left, right, k = map(int, tokens[1 + 3 * i : 4 + 3 * i])
    print(right // k - left // k)
