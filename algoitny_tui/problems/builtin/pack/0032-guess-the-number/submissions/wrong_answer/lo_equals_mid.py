# Moves the lower end to mid instead of mid + 1: near the top it asks the same question forever.
import sys

n = int(sys.stdin.readline())
lo, hi = 1, n
while True:
    mid = (lo + hi) // 2
    print(f"? {mid}", flush=True)
    reply = sys.stdin.readline().strip()
    if reply in ("=", ""):
        break
    if reply == "<":
        hi = mid
    else:
        lo = mid
