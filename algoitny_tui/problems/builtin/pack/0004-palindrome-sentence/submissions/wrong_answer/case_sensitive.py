# Wrong: compares letters case-sensitively ("Aa" is a palindrome sentence).
import sys

t = int(sys.stdin.readline())
for _ in range(t):
    kept = [c for c in sys.stdin.readline() if c.isalnum()]
    print("YES" if kept == kept[::-1] else "NO")
