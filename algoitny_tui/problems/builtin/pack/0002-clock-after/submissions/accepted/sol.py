import sys


def main() -> None:
    tokens = sys.stdin.read().split()
    out = []
    for i in range(int(tokens[0])):
        hh, mm = tokens[1 + 2 * i].split(":")
        total = int(hh) * 60 + int(mm) + int(tokens[2 + 2 * i])
        days, minute = divmod(total, 1440)
        out.append(f"{minute // 60:02d}:{minute % 60:02d} {days}")
    print("\n".join(out))


main()
