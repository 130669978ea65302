"""Longest strings: one deep nest, a random balanced string, and balanced strings broken at the very end."""

import random

PAIRS = {")": "(", "]": "[", "}": "{"}


def depth(s: str) -> int:
    stack: list[str] = []
    best = 0
    for c in s:
        if c in PAIRS:
            if not stack or stack.pop() != PAIRS[c]:
                return -1
        else:
            stack.append(c)
            best = max(best, len(stack))
    return -1 if stack else best


def random_balanced(rng: random.Random, n: int) -> str:
    closing = {"(": ")", "[": "]", "{": "}"}
    out: list[str] = []
    stack: list[str] = []
    for c, close in zip(rng.choices("([{", k=n // 2), rng.choices((False, True), k=n // 2), strict=True):
        if close and stack:
            out.append(closing[stack.pop()])
        out.append(c)
        stack.append(c)
    while stack:
        out.append(closing[stack.pop()])
    return "".join(out)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240009)
    n = 500_000
    half = n // 2
    nest = "".join(rng.choices("([{", k=half))
    deep = nest + "".join({"(": ")", "[": "]", "{": "}"}[c] for c in reversed(nest))
    balanced = random_balanced(rng, 200_000)
    strings = {
        "gen-01-deep-nest": deep,
        "gen-02-random-balanced": balanced,
        "gen-03-broken-at-end": deep[:-1] + ("]" if deep[-1] != "]" else ")"),
        "gen-04-one-too-many": "()" * (half - 1) + "((",
    }
    return [(name, s + "\n", f"{depth(s)}\n") for name, s in strings.items()]
