import sys


def main() -> None:
    t = int(sys.stdin.readline())
    out = []
    for _ in range(t):
        line = sys.stdin.readline().rstrip("\n")
        kept = "".join(c for c in line if c.isalnum()).lower()
        out.append("YES" if kept == kept[::-1] else "NO")
    print("\n".join(out))


main()
