import sys


def main() -> None:
    tokens = sys.stdin.buffer.read().split()
    out = []
    for token in tokens[1 : 1 + int(tokens[0])]:
        x = int(token)
        # x & (x - 1) clears the lowest set bit: zero exactly when one bit was set.
        out.append(f"YES {x.bit_length() - 1}" if x > 0 and x & (x - 1) == 0 else "NO")
    sys.stdout.write("\n".join(out) + "\n")


main()
