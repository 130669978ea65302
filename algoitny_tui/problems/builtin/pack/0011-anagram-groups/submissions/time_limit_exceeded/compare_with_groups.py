# Too slow: compares each word with one word of every group found so far, O(N * groups).
import sys

data = sys.stdin.read().split()
n = int(data[0])
keys: list[str] = []
sizes: list[int] = []
for w in data[1 : 1 + n]:
    key = "".join(sorted(w))
    for i, other in enumerate(keys):
        if other == key:
            sizes[i] += 1
            break
    else:
        keys.append(key)
        sizes.append(1)
print(len(keys), max(sizes))
