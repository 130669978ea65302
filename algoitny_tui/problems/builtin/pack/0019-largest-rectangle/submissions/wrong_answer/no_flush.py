# Wrong: only measures a building when a lower one arrives; buildings still on the stack at the end are never measured.
import sys

data = sys.stdin.read().split()
n = int(data[0])
h = list(map(int, data[1 : 1 + n]))
best = 0
stack: list[int] = []
for i in range(n):
    while stack and h[stack[-1]] >= h[i]:
        top = stack.pop()
        width = i - stack[-1] - 1 if stack else i
        best = max(best, h[top] * width)
    stack.append(i)
print(best)
