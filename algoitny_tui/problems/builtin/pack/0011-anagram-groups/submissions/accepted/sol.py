import sys
from collections import Counter


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    # Sorting a word's letters gives the same key for all of its anagrams.
    groups = Counter("".join(sorted(w)) for w in data[1 : 1 + n])
    print(len(groups), max(groups.values()))


main()
