# Wrong: greedy by earliest start; a long early meeting blocks many short ones.
import sys

data = sys.stdin.read().split()
n = int(data[0])
meetings = sorted((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n))
count, free_at = 0, -1
for s, e in meetings:
    if s >= free_at:
        count += 1
        free_at = e
print(count)
