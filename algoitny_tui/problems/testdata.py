"""Finding ``NAME.in`` files and their answers on disk, shared by Kattis packages and plain test folders."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ..domain import TestCase
from .errors import ProblemFormatError
from .files import display_path, inside_root, path_key, read_text
from .limits import MAX_PACKAGE_BYTES, MAX_TEST_FILE_BYTES, MAX_TEST_FOLDERS, human_size


def find_inputs(directory: Path, max_depth: int | None = None, *, root: Path | None = None) -> list[Path]:
    """``*.in`` files under ``directory`` (``max_depth`` folders deep, 0 = only the folder itself), in natural order.

    Hidden files and folders are skipped: editors and version control leave things there that are not tests.
    The walk stops at ``max_depth`` instead of filtering a full ``rglob``, so pointing the importer at a big folder
    by mistake fails fast ("no tests found") rather than crawling it. A linked folder is followed when it stays
    inside ``root`` (the package; default ``directory``), each real folder once, and refused by name otherwise.
    """
    root = root or directory
    found: list[Path] = []
    # Each folder with the real folders above it: a link back to one of those would loop.
    pending: list[tuple[Path, int, frozenset[Path]]] = [(directory, 0, frozenset({directory.resolve()}))]
    walked = 0
    while pending:
        folder, depth, above = pending.pop()
        walked += 1
        if walked > MAX_TEST_FOLDERS:
            raise ProblemFormatError(
                f"{display_path(directory, root)}: more than {MAX_TEST_FOLDERS} folders of "
                "tests (links between folders multiply them)",
                directory,
            )
        try:
            # the kind of each entry comes with its name: no stat per file
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if _is_dir(entry):
                if max_depth is not None and depth >= max_depth:
                    continue
                path = folder / name
                real = inside_root(path, root) if entry.is_symlink() else path.resolve()
                if real not in above:
                    pending.append((path, depth + 1, above | {real}))
            elif name.endswith(".in") and _is_file(entry):
                found.append(folder / name)
    found.sort(key=lambda p: path_key(p.relative_to(directory)))
    return found


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def read_pairs(
    inputs: Sequence[Path],
    *,
    root: Path,
    ids_from: Path,
    id_prefix: str,
    answer_suffixes: Sequence[str],
    is_sample: Callable[[Path], bool],
    named_suffixes: Sequence[str] | None = None,
) -> list[TestCase]:
    """One TestCase per input file, with the answer read from the first ``answer_suffixes`` file that exists.

    Test ids are the input's path relative to ``ids_from`` without the suffix, after ``id_prefix``
    (``sample/1``, ``secret/group1/03``). ``named_suffixes``: the answer files an error message names (default: all).
    Orders are left at 0: the caller numbers the whole problem at once.
    """
    pairs: list[TestFiles] = []
    for input_path in inputs:
        answer_path = next(
            (input_path.with_suffix(s) for s in answer_suffixes if input_path.with_suffix(s).is_file()), None
        )
        if answer_path is None:
            raise no_answer(
                input_path, [input_path.with_suffix(s).name for s in named_suffixes or answer_suffixes], root
            )
        name = input_path.relative_to(ids_from).with_suffix("").as_posix()
        pairs.append((f"{id_prefix}{name}", input_path, answer_path, is_sample(input_path)))
    return read_tests(pairs, root=root)


# (test id, input file, answer file, is a sample)
TestFiles = tuple[str, Path, Path, bool]


def read_tests(pairs: Sequence[TestFiles], *, root: Path) -> list[TestCase]:
    """The tests, read only after every file is known to be inside ``root`` and all of them fit the limits, so a
    package too big to import fails before any of it fills memory. Orders are left at 0 (see number_tests)."""
    total = 0
    real_root = root.resolve()  # once for all the files
    for _, input_path, answer_path, _ in pairs:
        for path in (input_path, answer_path):
            try:
                total += os.stat(inside_root(path, root, real_root=real_root)).st_size
            except OSError as exc:
                raise ProblemFormatError(
                    f"{display_path(path, root)}: cannot read ({exc.strerror})", path
                ) from exc
    if total > MAX_PACKAGE_BYTES:
        raise ProblemFormatError(
            f"the tests hold {human_size(total)}, more than the {human_size(MAX_PACKAGE_BYTES)} "
            "an importer reads for one problem",
            root,
        )
    return [
        read_test_case(test_id, input_path, answer_path, root=root, is_sample=sample, real_root=real_root)
        for test_id, input_path, answer_path, sample in pairs
    ]


def read_test_case(
    test_id: str,
    input_path: Path,
    answer_path: Path,
    *,
    root: Path,
    is_sample: bool,
    order: int = 0,
    real_root: Path | None = None,
) -> TestCase:
    """One test read from its two files (strict UTF-8, line ends kept; errors name the file). ``real_root``: see
    files.inside_root."""
    return TestCase(
        test_case_id=test_id,
        input=read_text(input_path, root, limit=MAX_TEST_FILE_BYTES, real_root=real_root),
        expected_output=read_text(answer_path, root, limit=MAX_TEST_FILE_BYTES, real_root=real_root),
        is_sample=is_sample,
        order=order,
    )


def no_answer(input_path: Path, wanted: Sequence[str], root: Path) -> ProblemFormatError:
    """The error for an input whose answer file is missing, naming the files looked for."""
    return ProblemFormatError(
        f"{display_path(input_path, root)}: no answer file ({' or '.join(wanted)})", input_path
    )


def number_tests(tests: list[TestCase]) -> list[TestCase]:
    """Give the tests their run order (0, 1, 2, ...), samples first as the caller arranged them."""
    for index, test in enumerate(tests):
        test.order = index
    return tests
