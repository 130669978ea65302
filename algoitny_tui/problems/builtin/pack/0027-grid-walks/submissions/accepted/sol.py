import sys

MOD = 1_000_000_007


def main() -> None:
    tokens = sys.stdin.read().split()
    h, w = int(tokens[0]), int(tokens[1])
    row = [0] * w  # row[c]: walks reaching column c of the current row
    row[0] = 1
    for r in range(h):
        line = tokens[2 + r]
        left = 0
        for c in range(w):
            if line[c] == "#":
                left = 0
            else:
                left = (left + row[c]) % MOD
            row[c] = left
    print(row[w - 1])


main()
