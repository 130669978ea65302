"""Test folders laid out the way other judges and tools save them, for folders without ``NAME.in`` files.

- ``in/`` and ``out/`` (or ``input/`` and ``output/``) holding files of the same name: AtCoder's test cases.
- ``input1.txt`` with ``output1.txt`` (also ``in1``/``out1``, ``answer1``, ``-`` or ``_`` before the number): many
  contest sites' downloads and hand-made folders.
- ``01`` with ``01.a``: Polygon's (Codeforces') ``tests`` folder.

Each returns ``(test id, input path, answer path)`` in natural order; an input without its answer raises
ProblemFormatError naming the input and the answer files looked for.
"""

from __future__ import annotations

import re
from pathlib import Path

from .files import display_path, natural_key
from .testdata import no_answer

Pair = tuple[str, Path, Path]

_DIR_PAIRS = (("in", "out"), ("input", "output"), ("inputs", "outputs"))
_NUMBERED_INPUT = re.compile(r"^(input|in)([-_.]?\d+)(\.txt)?$", re.IGNORECASE)
_ANSWER_WORDS = ("output", "out", "answer", "ans", "expected")
_POLYGON_INPUT = re.compile(r"^\d+$")


def find_other_pairs(root: Path) -> list[Pair]:
    """The first layout above that has tests in `root` (or, for the numbered files, in one of its folders)."""
    for finder in (_paired_folders, _numbered_files, _polygon_tests):
        pairs = finder(root)
        if pairs:
            return pairs
    return []


def _files(folder: Path) -> list[Path]:
    try:
        found = [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")]
    except OSError:
        return []
    return sorted(found, key=lambda p: natural_key(p.name))


def _paired_folders(root: Path) -> list[Pair]:
    for in_name, out_name in _DIR_PAIRS:
        inputs, answers = root / in_name, root / out_name
        if not (inputs.is_dir() and answers.is_dir()):
            continue
        pairs = []
        for input_path in _files(inputs):
            answer = answers / input_path.name
            if not answer.is_file():
                raise no_answer(input_path, [display_path(answer, root)], root)
            pairs.append((Path(input_path.name).stem, input_path, answer))
        if pairs:
            return pairs
    return []


def _numbered_files(root: Path) -> list[Pair]:
    for folder in (root, *(d for d in _subfolders(root))):
        pairs = []
        for input_path in _files(folder):
            m = _NUMBERED_INPUT.match(input_path.name)
            if not m:
                continue
            number, suffix = m.group(2), m.group(3) or ""
            wanted = [folder / f"{word}{number}{suffix}" for word in _ANSWER_WORDS]
            wanted += [folder / f"{word.capitalize()}{number}{suffix}" for word in _ANSWER_WORDS]
            answer = next((p for p in wanted if p.is_file()), None)
            if answer is None:
                raise no_answer(input_path, [display_path(p, root) for p in wanted[:2]], root)
            name = input_path.relative_to(root).with_suffix("") if suffix else input_path.relative_to(root)
            pairs.append((name.as_posix(), input_path, answer))
        if pairs:
            return pairs
    return []


def _polygon_tests(root: Path) -> list[Pair]:
    for folder in (root, root / "tests"):
        pairs = []
        for input_path in _files(folder):
            if not _POLYGON_INPUT.match(input_path.name):
                continue
            answer = input_path.with_name(input_path.name + ".a")
            if not answer.is_file():
                raise no_answer(input_path, [display_path(answer, root)], root)
            pairs.append((input_path.name, input_path, answer))
        if pairs:
            return pairs
    return []


def _subfolders(root: Path) -> list[Path]:
    try:
        found = [
            d for d in root.iterdir() if d.is_dir() and not d.name.startswith(".") and not d.is_symlink()
        ]
    except OSError:
        return []
    return sorted(found, key=lambda p: natural_key(p.name))
