# Wrong: 0 & (0 - 1) == 0 too, so 0 is reported as a power of two.
import sys

tokens = sys.stdin.read().split()
for token in tokens[1:]:
    x = int(token)
    print(f"YES {max(x.bit_length() - 1, 0)}" if x & (x - 1) == 0 else "NO")
