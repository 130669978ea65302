"""Large tests for Ways to Pay: the coins 1..100 at the largest amount (the counts wrap around the modulus many
times), 100 random coins, coins of middling size, and even coins for an odd amount (no way at all).

The answers are computed with slices rather than one amount at a time. For a small coin c: after adding it, the
table restricted to the amounts r, r + c, r + 2c, ... is the running sum of the old one (itertools.accumulate). For
a large coin: the table is updated in blocks of c amounts, each block adding the (already updated) block before it."""

import random
from itertools import accumulate
from operator import add

MOD = 1_000_000_007


def count(x: int, coins: list[int]) -> int:
    ways = [1] + [0] * x
    for c in coins:
        if c > x:
            continue
        if c * c <= x:
            for r in range(c):
                ways[r::c] = [w % MOD for w in accumulate(ways[r::c])]
        else:
            for a in range(c, x + 1, c):
                block = map(add, ways[a : a + c], ways[a - c : a])
                ways[a : a + c] = [w - MOD if w >= MOD else w for w in block]
    return ways[x]


def solve(data: str) -> str:
    values = list(map(int, data.split()))
    n, x = values[0], values[1]
    return f"{count(x, values[2 : 2 + n])}\n"


def fmt(x: int, coins: list[int]) -> str:
    return f"{len(coins)} {x}\n" + " ".join(map(str, coins)) + "\n"


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240036)
    cases = []
    coins = list(range(1, 101))
    rng.shuffle(coins)
    cases.append(("gen-01-coins-1-to-100", 10_000, coins))
    cases.append(("gen-02-random-coins", 10_000, rng.sample(range(1, 10_001), 100)))
    cases.append(("gen-03-middle-coins", 9_973, rng.sample(range(50, 1_001), 100)))
    cases.append(("gen-04-even-coins-odd-amount", 9_999, rng.sample(range(2, 2_001, 2), 60)))
    return [(name, fmt(x, coins), f"{count(x, coins)}\n") for name, x, coins in cases]
