#!/usr/bin/env python3
"""Output validator for Course Plan, run the Kattis way: validator input answer feedback_dir < team_output.

Accepts any order that keeps every rule; accepts -1 only when the rules contain a cycle (checked here, not taken
from the answer file). Exit 42 = accepted, 43 = wrong answer; the reason goes to feedback_dir/judgemessage.txt.
"""

import sys
from collections import deque
from pathlib import Path


def main() -> None:
    values = list(map(int, Path(sys.argv[1]).read_bytes().split()))
    feedback = Path(sys.argv[3])
    n, m = values[0], values[1]
    rules = list(zip(values[2 : 2 + 2 * m : 2], values[3 : 3 + 2 * m : 2]))
    tokens = sys.stdin.buffer.read().split()

    def verdict(code: int, message: str) -> None:
        (feedback / "judgemessage.txt").write_text(message + "\n")
        sys.exit(code)

    if tokens == [b"-1"]:
        if has_order(n, rules):
            verdict(43, "printed -1, but an order exists")
        verdict(42, "correctly reported that no order exists")
    if len(tokens) != n:
        verdict(43, f"expected {n} courses (or -1), got {len(tokens)} tokens")
    position = [0] * (n + 1)
    for i, token in enumerate(tokens, 1):
        try:
            course = int(token)
        except ValueError:
            verdict(43, f"token {i} is not an integer: {token[:30]!r}")
        if not 1 <= course <= n:
            verdict(43, f"token {i}: course {course} is outside 1..{n}")
        if position[course]:
            verdict(43, f"course {course} is listed twice (tokens {position[course]} and {i})")
        position[course] = i
    for a, b in rules:
        if position[a] > position[b]:
            verdict(43, f"course {a} must come before course {b}")
    verdict(42, "valid order")


def has_order(n: int, rules: list[tuple[int, int]]) -> bool:
    out: list[list[int]] = [[] for _ in range(n + 1)]
    indegree = [0] * (n + 1)
    for a, b in rules:
        out[a].append(b)
        indegree[b] += 1
    queue = deque(v for v in range(1, n + 1) if indegree[v] == 0)
    done = 0
    while queue:
        v = queue.popleft()
        done += 1
        for w in out[v]:
            indegree[w] -= 1
            if indegree[w] == 0:
                queue.append(w)
    return done == n


main()
