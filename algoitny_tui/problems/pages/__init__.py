"""Saved problem pages (HTML) from Baekjoon, Codeforces and AtCoder."""

from __future__ import annotations

from pathlib import Path

from ...models import Problem, TestCase
from ..errors import ProblemFormatError
from ..files import read_text
from . import atcoder, baekjoon, codeforces
from .markup import parse_html

# Checked in order; each looks for the element only its site's pages have.
_SITES = (baekjoon, codeforces, atcoder)


def load_saved_page(path: Path) -> tuple[Problem, list[TestCase]]:
    """The problem on a page saved from the browser; ProblemFormatError when the layout is none we know."""
    soup = parse_html(read_text(path))
    for site in _SITES:
        if site.matches(soup):
            return site.parse(soup, path)
    raise ProblemFormatError(f"page layout not recognised: {path}", path)


__all__ = ["load_saved_page"]
