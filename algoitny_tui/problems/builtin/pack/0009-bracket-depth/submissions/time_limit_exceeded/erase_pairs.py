# Too slow: erases all adjacent pairs "()", "[]", "{}" at once, pass after pass (depth = number of passes).
# A deep nest needs |s| / 2 passes over the whole string.
import re

PAIR = re.compile(r"\(\)|\[\]|\{\}")
s = input().strip()
depth = 0
while s:
    shorter = PAIR.sub("", s)
    if shorter == s:
        break
    s = shorter
    depth += 1
print(-1 if s else depth)
