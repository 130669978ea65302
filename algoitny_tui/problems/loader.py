"""One entry point per kind of source, and `load_any`, which picks the right one from the path."""

from __future__ import annotations

from pathlib import Path

from ..domain import Problem, TestCase, check_platform, check_problem_number
from .errors import ProblemFormatError
from .folder import load_test_folder

# Each kind's reader is imported when a source of its kind is met: `algoitny judge` on a folder of tests should not
# pay for the YAML, XML and JSON readers (and their regexes) it never uses.


def is_kattis_package(path: Path) -> bool:
    return (path / "problem.yaml").is_file() or (path / "data").is_dir()


def is_polygon_package(path: Path) -> bool:
    return (path / "problem.xml").is_file()


def load_problem_dir(
    path: Path, *, platform: str | None = None, number: str | None = None
) -> tuple[Problem, list[TestCase]]:
    """A Kattis package (``problem.yaml`` or ``data/`` present), a Polygon package (``problem.xml``) or a plain
    folder of tests (``.in`` + ``.out``/``.ans``, or another judge's layout).

    ``platform`` defaults to ``local``, ``number`` to the folder's name.
    """
    root = Path(path).resolve()  # resolved so "." still has a name to number the problem by
    if not root.is_dir():
        raise ProblemFormatError(f"{path}: not a directory", Path(path))
    if is_kattis_package(root):
        from .kattis import load_kattis_package

        return load_kattis_package(root, platform=platform, number=number)
    if is_polygon_package(root):
        from .polygon import load_polygon_package

        return load_polygon_package(root, platform=platform, number=number)
    return load_test_folder(root, platform=platform, number=number)


def load_saved_page(path: Path) -> tuple[Problem, list[TestCase]]:
    """A saved Baekjoon / Codeforces / AtCoder page (see ``pages``)."""
    # Imported here so BeautifulSoup loads only when a page is imported, not with every user of this package.
    from .pages import load_saved_page as load_page

    return load_page(Path(path))


def load_any(path: Path) -> list[tuple[Problem, list[TestCase]]]:
    """Every problem at ``path``: a problem folder, a competitive-companion ``.json`` (one object or a list of
    them), or a saved ``.html``/``.htm`` page. Each has a valid id (``check_problem_id``)."""
    found = _load_any(Path(path))
    for problem, _ in found:
        check_problem_id(problem, Path(path))
    return found


def check_problem_id(problem: Problem, source: Path | None) -> Problem:
    """The problem, or ProblemFormatError naming the platform or number that is not a safe id."""
    try:
        check_platform(problem.platform)
        check_problem_number(problem.problem_number)
    except ValueError as exc:
        raise ProblemFormatError(f"{source}: {exc}" if source is not None else str(exc), source) from None
    return problem


def _load_any(path: Path) -> list[tuple[Problem, list[TestCase]]]:
    if path.is_dir():
        return [load_problem_dir(path)]
    if not path.is_file():
        raise ProblemFormatError(f"{path}: no such file or directory", path)
    if path.name == "problem.yaml":  # the user pointed at the package's yaml rather than its folder
        return [load_problem_dir(path.parent)]
    suffix = path.suffix.lower()
    if suffix in (".json", ".prob"):
        from .companion import problem_from_companion, read_companion_file

        # .prob: what cph (the VS Code extension) saves, the same fields
        items = read_companion_file(path)
        if len(items) == 1:
            return [problem_from_companion(items[0], source=path)]
        return [problem_from_companion(item, source=path, index=i) for i, item in enumerate(items)]
    if suffix in (".html", ".htm"):
        return [load_saved_page(path)]
    raise ProblemFormatError(
        f"{path}: unknown kind of file (expected a problem folder, a .json from competitive companion, a .prob "
        "from cph, or a saved .html page)",
        path,
    )
