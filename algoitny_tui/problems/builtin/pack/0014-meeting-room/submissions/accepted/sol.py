import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    meetings = sorted(zip(map(int, data[2 : 2 + 2 * n : 2]), map(int, data[1 : 1 + 2 * n : 2]), strict=True))
    # (end, start) pairs sorted by end: always take the meeting that frees the room first.
    count, free_at = 0, -1
    for end, start in meetings:
        if start >= free_at:
            count += 1
            free_at = end
    print(count)


main()
