import sys


def main() -> None:
    lines = sys.stdin.buffer.read().split()
    h, w = int(lines[0]), int(lines[1])
    grid = bytearray(b"".join(lines[2 : 2 + h]))
    land = ord("#")
    count = best = 0
    for start in range(h * w):
        if grid[start] != land:
            continue
        count += 1
        grid[start] = 0
        stack = [start]
        size = 0
        while stack:
            cell = stack.pop()
            size += 1
            r, c = divmod(cell, w)
            if r > 0 and grid[cell - w] == land:
                grid[cell - w] = 0
                stack.append(cell - w)
            if r < h - 1 and grid[cell + w] == land:
                grid[cell + w] = 0
                stack.append(cell + w)
            if c > 0 and grid[cell - 1] == land:
                grid[cell - 1] = 0
                stack.append(cell - 1)
            if c < w - 1 and grid[cell + 1] == land:
                grid[cell + 1] = 0
                stack.append(cell + 1)
        best = max(best, size)
    print(count, best)


main()
