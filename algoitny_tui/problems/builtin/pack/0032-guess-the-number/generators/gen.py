"""Games for Guess the Number: the input is what the interactor reads ("N x"), the answer is the secret."""

import random


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240032)
    games = [(10**18, 1), (10**18, 10**18), (10**18, 10**18 // 2), (10**18, 10**18 // 2 + 1), (2**59, 2**59 - 1)]
    games += [(2, 1), (2, 2), (3, 2), (3, 3), (1000, 1000), (1024, 1), (1025, 1025)]
    for _ in range(8):
        n = rng.randint(1, 10**18)
        games.append((n, rng.randint(1, n)))
    return [(f"gen-{i:02d}", f"{n} {x}\n", f"{x}\n") for i, (n, x) in enumerate(games, 1)]
