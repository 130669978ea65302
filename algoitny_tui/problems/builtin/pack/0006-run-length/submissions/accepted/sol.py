import sys
from itertools import groupby


def main() -> None:
    s = sys.stdin.readline().strip()
    out = []
    for letter, run in groupby(s):
        length = sum(1 for _ in run)
        out.append(letter if length == 1 else f"{letter}{length}")
    print("".join(out))


main()
