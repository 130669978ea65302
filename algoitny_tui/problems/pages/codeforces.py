"""Saved Codeforces problem pages (``div.problem-statement``)."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from ...domain import Limits, Problem, TestCase
from ..files import slugify
from .common import megabytes, output_checker, page_url, sample_tests, seconds_to_ms
from .markup import html_to_markdown

_KNOWN_PARTS = {"header", "input-specification", "output-specification", "sample-tests", "note"}


def matches(soup: BeautifulSoup) -> bool:
    return soup.select_one("div.problem-statement") is not None


def parse(soup: BeautifulSoup, source: Path) -> tuple[Problem, list[TestCase]]:
    statement = soup.select_one("div.problem-statement")
    assert statement is not None  # matches() said so
    title_tag = statement.select_one(".header .title")
    title = title_tag.get_text(" ", strip=True) if title_tag else ""

    # The legend is the untitled div(s) after the header; the note goes after it, as on the site.
    legend = "\n\n".join(
        html_to_markdown(part)
        for part in statement.find_all("div", recursive=False)
        if not set(part.get("class") or []) & _KNOWN_PARTS
    ).strip()
    note = _section(statement, "note")
    if note:
        legend += f"\n\n## Note\n\n{note}"

    inputs = statement.select(".sample-test .input pre")
    outputs = statement.select(".sample-test .output pre")
    pairs: list[tuple[Tag | None, Tag | None]] = [
        (inputs[i] if i < len(inputs) else None, outputs[i] if i < len(outputs) else None)
        for i in range(max(len(inputs), len(outputs)))
    ]
    tests = sample_tests(pairs, source)

    url = page_url(soup)
    output_format = _section(statement, "output-specification")
    problem = Problem(
        platform="codeforces",
        problem_number=_number(soup, url, title, source),
        title=title,
        statement=legend,
        input_format=_section(statement, "input-specification"),
        output_format=output_format,
        limits=_limits(statement),
        checker=output_checker(output_format),
        # Rating tags look like "*800"; they are a difficulty, not a topic.
        tags=[
            t
            for t in (s.get_text(strip=True) for s in soup.select("span.tag-box"))
            if t and not t.startswith("*")
        ],
        source_url=url,
        test_case_count=len(tests),
    )
    return problem, tests


def _section(statement: Tag, class_name: str) -> str:
    part = statement.select_one(f"div.{class_name}")
    if part is None:
        return ""
    for heading in part.select(".section-title"):
        heading.extract()
    return html_to_markdown(part)


def _limits(statement: Tag) -> Limits:
    limits = Limits()
    for selector, attribute, parse in (
        (".header .time-limit", "time_limit_ms", seconds_to_ms),
        (".header .memory-limit", "memory_limit_mb", megabytes),
    ):
        tag = statement.select_one(selector)
        if tag is None:
            continue
        label = tag.select_one(".property-title")
        text = tag.get_text(" ", strip=True)
        if label is not None:
            text = text.replace(label.get_text(" ", strip=True), "", 1)
        value = parse(text)
        if value:
            setattr(limits, attribute, value)
    return limits


def _number(soup: BeautifulSoup, url: str, title: str, source: Path) -> str:
    """Contest id + problem index (``1850A``), from the page URL, else from the contest link and the title letter."""
    for pattern in (r"/(?:contest|gym)/(\d+)/problem/(\w+)", r"/problemset/problem/(\d+)/(\w+)"):
        match = re.search(pattern, url)
        if match:
            return f"{match.group(1)}{match.group(2).upper()}"
    index = re.match(r"\s*([A-Z]\d?)\.", title)
    for link in soup.find_all("a", href=True):
        match = re.search(r"/(?:contest|gym)/(\d+)(?:/|$)", str(link["href"]))
        if match and index:
            return f"{match.group(1)}{index.group(1)}"
    return slugify(source.stem)
