import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    h = list(map(int, data[1 : 1 + n]))
    h.append(0)  # a zero-height building at the end flushes the stack
    best = 0
    stack: list[int] = []  # indices of buildings with increasing heights
    for i in range(n + 1):
        height = h[i]
        while stack and h[stack[-1]] >= height:
            top = stack.pop()
            # building `top` is the lowest of (stack[-1], i): the widest billboard at its height
            width = i - stack[-1] - 1 if stack else i
            area = h[top] * width
            if area > best:
                best = area
        stack.append(i)
    print(best)


main()
