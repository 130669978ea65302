"""Saved problem pages (HTML) from Baekjoon, Codeforces and AtCoder."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from ...domain import Problem, TestCase
from ..errors import ProblemFormatError
from ..files import read_text
from ..limits import MAX_PAGE_BYTES, MAX_PAGE_DEPTH, MAX_PAGE_ELEMENTS
from . import atcoder, baekjoon, codeforces
from .markup import parse_html

# Checked in order; each looks for the element only its site's pages have.
_SITES = (baekjoon, codeforces, atcoder)
KNOWN_LAYOUTS = "Baekjoon, Codeforces and AtCoder problem pages"
"""What the local parsers read; other layouts need Gemini (worker/extraction.py)."""


class UnknownPageLayout(ProblemFormatError):
    """A page none of the local parsers reads (Gemini may: `extract_problem_info_task`)."""


def load_saved_page(path: Path) -> tuple[Problem, list[TestCase]]:
    """The problem on a page saved from the browser; ProblemFormatError when the layout is none we know, or when the
    page is larger or deeper than any problem page (limits.py): parsing then stays within a few seconds."""
    text = read_text(path, limit=MAX_PAGE_BYTES)
    if (
        text.count("<") > 2 * MAX_PAGE_ELEMENTS
    ):  # an opening and a closing tag each: a cheap bound before parsing
        raise ProblemFormatError(
            f"{path}: more than {MAX_PAGE_ELEMENTS} HTML elements; not a problem page", path
        )
    soup = parse_html(text)
    _check_depth(soup, path)
    for site in _SITES:
        if site.matches(soup):
            return site.parse(soup, path)
    raise UnknownPageLayout(f"page layout not recognised: {path} (the known layouts: {KNOWN_LAYOUTS})", path)


def _check_depth(soup: BeautifulSoup, path: Path) -> None:
    """ProblemFormatError when elements nest deeper than MAX_PAGE_DEPTH: the parsers below recurse per level."""
    depths: dict[int, int] = {id(soup): 0}
    for tag in soup.find_all(True):  # document order: a parent always comes before its children
        depth = depths.get(id(tag.parent), 0) + 1
        if depth > MAX_PAGE_DEPTH:
            raise ProblemFormatError(
                f"{path}: HTML elements nested more than {MAX_PAGE_DEPTH} deep; not a problem page", path
            )
        depths[id(tag)] = depth


__all__ = ["KNOWN_LAYOUTS", "UnknownPageLayout", "load_saved_page"]
