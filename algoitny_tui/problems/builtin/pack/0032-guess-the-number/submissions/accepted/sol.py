import sys


def main() -> None:
    n = int(sys.stdin.readline())
    lo, hi = 1, n
    while True:
        mid = (lo + hi) // 2
        print(f"? {mid}", flush=True)
        reply = sys.stdin.readline().strip()
        if reply == "=":
            return
        if reply == "<":
            hi = mid - 1
        else:
            lo = mid + 1


main()
