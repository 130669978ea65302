import sys

P = 1_000_000_007


def main() -> None:
    v = list(map(int, sys.stdin.buffer.read().split()))
    out = []
    for i in range(1, 1 + 3 * v[0], 3):
        a, b, c = v[i], v[i + 1], v[i + 2]
        if b == 0 and c > 0:
            out.append(1)  # b^c = 0
        elif a % P == 0:
            out.append(0)  # b^c >= 1
        else:
            out.append(pow(a, pow(b, c, P - 1), P))
    sys.stdout.write("".join(f"{x}\n" for x in out))


main()
