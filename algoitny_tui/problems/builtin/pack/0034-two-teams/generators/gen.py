"""Large tests for Two Teams. Every graph is built with a known split (or a known odd cycle), so the answers come
from the construction: a random two-sided graph, the same with one odd cycle in a group player 1 is not in, a long
shuffled path closed into an even cycle (deep for recursive search), and many small groups that only meet late in
the input (the greedy split gets them wrong)."""

import random


def fmt(n: int, edges: list[tuple[int, int]]) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{u} {v}\n" for u, v in edges)


def two_sided(rng: random.Random, players: list[int], m: int) -> list[tuple[int, int]]:
    """m random rivalries between the first and the second half of ``players``: a split always exists."""
    half = len(players) // 2
    left, right = players[:half], players[half:]
    return list(zip(rng.choices(left, k=m), rng.choices(right, k=m)))


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240034)
    tests = []
    n = 50_000
    players = list(range(1, n + 1))
    rng.shuffle(players)
    edges = two_sided(rng, players, 80_000)
    tests.append(("gen-01-random-yes", fmt(n, edges), "YES\n"))
    # Player 1's group is split fine; a second group holds a cycle of odd length 20001.
    n = 50_000
    players = list(range(2, n + 1))
    rng.shuffle(players)
    group, ring = [1] + players[:25_000], players[25_000 : 25_000 + 20_001]
    edges = [(ring[i], ring[i - 1]) for i in range(len(ring))] + two_sided(rng, group, 40_000)
    tests.append(("gen-02-odd-cycle-elsewhere", fmt(n, edges), "NO\n"))
    # One path through all players in shuffled order, closed into a cycle of even length, plus chords that join
    # positions of different parity (even cycles only).
    n = 60_000
    path = list(range(1, n + 1))
    rng.shuffle(path)
    edges = [(path[i], path[i - 1]) for i in range(n)]
    for _ in range(n // 20):
        i = rng.randrange(n)
        j = rng.randrange(n // 2) * 2 + (1 - i % 2)
        edges.append((path[i], path[j]))
    rng.shuffle(edges)
    tests.append(("gen-03-even-cycle-chords", fmt(n, edges), "YES\n"))
    # Pairs listed first (in random orientation), then links that join the pairs into one long path: 1-2, 3-4, ...,
    # then 2-3, 4-5, ... Every split alternates along the path, but placing each pair on its own, with its first
    # player on team A, puts both ends of some link on one team.
    n = 50_000
    label = list(range(1, n + 1))
    rng.shuffle(label)
    flips = rng.choices((False, True), k=n // 2)
    pairs = [(label[i + 1], label[i]) if flip else (label[i], label[i + 1]) for i, flip in zip(range(0, n, 2), flips)]
    links = [(label[i], label[i + 1]) for i in range(1, n - 1, 2)]
    rng.shuffle(links)
    tests.append(("gen-04-late-links", fmt(n, pairs + links), "YES\n"))
    return tests
