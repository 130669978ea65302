import sys


def main() -> None:
    s = sys.stdin.readline().strip()
    match = {")": "(", "]": "[", "}": "{"}
    stack: list[str] = []
    best = 0
    for c in s:
        if c in match:
            if not stack or stack.pop() != match[c]:
                print(-1)
                return
        else:
            stack.append(c)
            if len(stack) > best:
                best = len(stack)
    print(-1 if stack else best)


main()
