# Wrong: uses the sum of letter codes as the key; "ad" and "bc" collide.
import sys
from collections import Counter

data = sys.stdin.read().split()
n = int(data[0])
groups = Counter(sum(map(ord, w)) for w in data[1 : 1 + n])
print(len(groups), max(groups.values()))
