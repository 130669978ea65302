"""Problems the judge benchmark runs on: A+B with N tests, written as algoitny and oj want them."""

from __future__ import annotations

import random
from pathlib import Path

PY_AB = "a, b = map(int, input().split())\nprint(a + b)\n"
C_AB = '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);return 0;}\n'
CPP_AB = (
    '#include <cstdio>\nint main(){long long a,b;std::scanf("%lld %lld",&a,&b);std::printf("%lld\\n",a+b);}\n'
)


def ab_pairs(n: int, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        a, b = rng.randint(-(10**9), 10**9), rng.randint(-(10**9), 10**9)
        pairs.append((f"{a} {b}\n", f"{a + b}\n"))
    return pairs


def write_problem(root: Path, n: int) -> tuple[Path, Path]:
    """(algoitny dir with 1.in/1.out..., oj dir with sample-1.in/sample-1.out...) of an n-test A+B."""
    ours, oj = root / "aplusb", root / "aplusb-oj"
    for d in (ours, oj):
        d.mkdir(parents=True, exist_ok=True)
    for i, (inp, out) in enumerate(ab_pairs(n), 1):
        (ours / f"{i}.in").write_text(inp)
        (ours / f"{i}.out").write_text(out)
        (oj / f"sample-{i}.in").write_text(inp)
        (oj / f"sample-{i}.out").write_text(out)
    return ours, oj
