import sys
from collections import deque


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2 : 2 + n]))
    # Indices whose readings decrease from front to back; the front is the window's maximum.
    window: deque[int] = deque()
    out = []
    for i in range(n):
        x = a[i]
        while window and a[window[-1]] <= x:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            out.append(a[window[0]])
    print(" ".join(map(str, out)))


main()
