import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    a = list(map(int, data[1 : 1 + n]))
    # Bit b adds 2^b for every pair with one 1 and one 0 there: ones * zeros pairs.
    total = 0
    for bit in range(30):
        ones = sum((x >> bit) & 1 for x in a)
        total += (ones * (n - ones)) << bit
    print(total)


main()
