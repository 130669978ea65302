"""Long sentences: true palindromes with random noise, and near misses that differ in one middle character."""

import random
import string

ALNUM = string.ascii_letters + string.digits
NOISE = " .,!?;:'-()"


# Deletes every printable ASCII character that is not a letter or a digit.
DROP = str.maketrans("", "", "".join(chr(c) for c in range(32, 127) if not chr(c).isalnum()))


def verdict(line: str) -> str:
    kept = line.translate(DROP).lower()
    return "YES" if kept == kept[::-1] else "NO"


def sentence(rng: random.Random, half: int, broken: bool) -> str:
    core = rng.choices(ALNUM, k=half)
    mirror = core[::-1]
    if broken:
        mirror[0] = "0" if mirror[0] != "0" else "1"  # the middle pair no longer matches
    chars = core + ([rng.choice(ALNUM)] if rng.random() < 0.5 else []) + mirror
    text = "".join(chars)
    text = text[: len(text) // 2].upper() + text[len(text) // 2 :]
    out = []
    i = 0
    while i < len(text):
        step = rng.randrange(1, 10)
        out.append(text[i : i + step])
        out.append(rng.choice(NOISE))
        i += step
    return "".join(out)


def generate() -> list[tuple[str, str, str]]:
    rng = random.Random(20240004)
    lines = [sentence(rng, 100_000, False), sentence(rng, 100_000, True), sentence(rng, 50_000, False)]
    lines += [sentence(rng, rng.randint(1, 50), rng.random() < 0.5) for _ in range(997)]
    data = f"{len(lines)}\n" + "\n".join(lines) + "\n"
    return [("gen-01-long", data, "\n".join(map(verdict, lines)) + "\n")]
