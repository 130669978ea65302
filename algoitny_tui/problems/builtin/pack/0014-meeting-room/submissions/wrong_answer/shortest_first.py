# Wrong: greedy by shortest meeting; a short meeting can overlap two longer ones that fit together.
import sys

data = sys.stdin.read().split()
n = int(data[0])
meetings = sorted(
    (int(data[2 + 2 * i]) - int(data[1 + 2 * i]), int(data[1 + 2 * i]), int(data[2 + 2 * i]))
    for i in range(n)
)
chosen: list[tuple[int, int]] = []
for _, s, e in meetings:
    if all(e <= cs or s >= ce for cs, ce in chosen):
        chosen.append((s, e))
print(len(chosen))
