import sys


def main() -> None:
    tokens = sys.stdin.buffer.read().split()
    q = int(tokens[0])
    out = []
    for i in range(q):
        left, right, k = int(tokens[1 + 3 * i]), int(tokens[2 + 3 * i]), int(tokens[3 + 3 * i])
        # multiples in [1, R] minus multiples in [1, L - 1]
        out.append(right // k - (left - 1) // k)
    print("\n".join(map(str, out)))


main()
