#!/usr/bin/env python3
"""Interactor for Guess the Number, run the Kattis way: validator input answer feedback_dir.

Its stdin is the solution's stdout and its stdout is the solution's stdin. Exit 42 = accepted, 43 = wrong answer.
The input file holds "N x". The judge answers honestly for the fixed secret x.
"""

import sys
from pathlib import Path

ACCEPTED, WRONG = 42, 43


def main() -> None:
    n, secret = map(int, Path(sys.argv[1]).read_text().split()[:2])
    feedback = Path(sys.argv[3])
    limit = (n - 1).bit_length() + 1 if n > 1 else 1  # ceil(log2 n) + 1; one question when n = 1

    def verdict(code: int, message: str) -> None:
        (feedback / "judgemessage.txt").write_text(message + "\n")
        sys.exit(code)

    def send(line: str) -> None:
        try:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except (BrokenPipeError, OSError):
            verdict(WRONG, "the program stopped reading before the number was found")

    send(str(n))
    asked = 0
    while True:
        line = sys.stdin.readline()
        if not line:
            verdict(WRONG, f"the program ended after {asked} question(s) without finding the number")
        parts = line.split()
        if len(parts) != 2 or parts[0] != "?":
            verdict(WRONG, f"expected a question like '? y', got {line.strip()[:50]!r}")
        try:
            guess = int(parts[1])
        except ValueError:
            verdict(WRONG, f"not an integer: {parts[1][:50]!r}")
        if not 1 <= guess <= n:
            verdict(WRONG, f"question {guess} is outside 1..{n}")
        asked += 1
        if asked > limit:
            verdict(WRONG, f"more than {limit} questions")
        if guess == secret:
            send("=")
            break
        send("<" if secret < guess else ">")
    # The program must stop talking once it has found the number; closing our end lets a waiting program see EOF.
    try:
        sys.stdout.close()
    except (BrokenPipeError, OSError):
        pass
    extra = sys.stdin.read()
    if extra.strip():
        verdict(WRONG, f"output after the number was found: {extra.strip()[:50]!r}")
    verdict(ACCEPTED, f"found {secret} with {asked} question(s) (limit {limit})")


main()
