"""Large tests for Bubble Sort Swaps: random scores (answer by merge sort), the largest row in decreasing order
(N(N-1)/2 swaps, beyond 32 bits), a decreasing row of blocks of equal scores, and a row of only three different
scores (ties everywhere). All but the first are counted from their construction."""

import random


def inversions(a: list[int]) -> int:
    n, count, width = len(a), 0, 1
    while width < n:
        merged: list[int] = []
        for lo in range(0, n, 2 * width):
            left, right = a[lo : lo + width], a[lo + width : lo + 2 * width]
            if not right or left[-1] <= right[0]:
                merged += left
                merged += right
                continue
            i = j = 0
            nl, nr = len(left), len(right)
            append = merged.append
            while i < nl and j < nr:
                if right[j] < left[i]:
                    count += nl - i
                    append(right[j])
                    j += 1
                else:
                    append(left[i])
                    i += 1
            merged += left[i:]
            merged += right[j:]
        a = merged
        width *= 2
    return count


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    return f"{inversions(values[1 : 1 + values[0]])}\n"


def fmt(a: list[int]) -> str:
    return f"{len(a)}\n" + " ".join(map(str, a)) + "\n"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240038)
    tests = []
    a = rng.choices(range(1, 10**9 + 1), k=60_000)
    tests.append(("gen-01-random", fmt(a), f"{inversions(a)}\n"))
    n = 200_000
    tests.append(("gen-02-decreasing", fmt(list(range(10**9, 10**9 - n, -1))), f"{n * (n - 1) // 2}\n"))
    # Blocks of 7 equal scores, decreasing from block to block: every pair in different blocks is a swap.
    a = [10**9 - i // 7 for i in range(n)]
    sizes = [7] * (n // 7) + ([n % 7] if n % 7 else [])
    tests.append(("gen-03-decreasing-blocks", fmt(a), f"{n * (n - 1) // 2 - sum(s * (s - 1) // 2 for s in sizes)}\n"))
    # Scores 1, 2 and 3 only: count, for each paper, the earlier papers with a higher score.
    a = rng.choices((1, 2, 3), k=n)
    seen = [0, 0, 0, 0]
    count = 0
    for x in a:
        count += seen[3] if x == 2 else seen[2] + seen[3] if x == 1 else 0
        seen[x] += 1
    tests.append(("gen-04-three-scores", fmt(a), f"{count}\n"))
    return tests
