"""Saved AtCoder task pages (``#task-statement``, English part preferred)."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from ...domain import Limits, Problem, TestCase
from ..files import slugify
from .common import megabytes, output_checker, page_url, sample_tests, seconds_to_ms
from .markup import html_to_markdown

_SAMPLE = re.compile(r"^\s*(?:Sample\s+(Input|Output)|(入力例|出力例))\s*(\d+)", re.IGNORECASE)
_STATEMENT = ("problem statement", "statement", "問題文")
_CONSTRAINTS = ("constraints", "制約")
_INPUT = ("input", "入力")
_OUTPUT = ("output", "出力")


def matches(soup: BeautifulSoup) -> bool:
    return soup.select_one("#task-statement") is not None


def parse(soup: BeautifulSoup, source: Path) -> tuple[Problem, list[TestCase]]:
    task = soup.select_one("#task-statement")
    assert task is not None
    part = task.select_one("span.lang-en") or task.select_one("span.lang-ja") or task

    body: list[str] = []
    input_format = output_format = ""
    inputs: dict[int, Tag] = {}
    outputs: dict[int, Tag] = {}
    for h3 in part.find_all("h3"):
        heading = _heading_text(h3)
        sample = _SAMPLE.match(heading)
        if sample:
            pre = h3.find_next("pre")
            if pre is not None:
                kind = (sample.group(1) or sample.group(2)).lower()
                target = inputs if kind in ("input", "入力例") else outputs
                target[int(sample.group(3))] = pre
            continue
        content = _section_content(h3)
        key = heading.lower()
        if key in _INPUT:
            input_format = content
        elif key in _OUTPUT:
            output_format = content
        elif key in _STATEMENT:
            body.insert(0, content)
        elif content:
            body.append(f"## {heading}\n\n{content}")  # Constraints, notes, ...
    numbers = sorted(set(inputs) | set(outputs))
    tests = sample_tests([(inputs.get(n), outputs.get(n)) for n in numbers], source)

    url = page_url(soup)
    match = re.search(r"/tasks/([A-Za-z0-9_-]+)", url)
    problem = Problem(
        platform="atcoder",
        problem_number=match.group(1).lower() if match else slugify(source.stem),
        title=_title(soup),
        statement="\n\n".join(body),
        input_format=input_format,
        output_format=output_format,
        limits=_limits(soup),
        checker=output_checker(output_format),
        source_url=url,
        test_case_count=len(tests),
    )
    return problem, tests


def _heading_text(h3: Tag) -> str:
    # The "Copy" buttons inside sample headings are not part of the heading.
    return " ".join(
        s.strip()
        for s in h3.find_all(string=True)
        if s.strip() and not (s.parent and s.parent.name == "span")
    ).strip()


def _section_content(h3: Tag) -> str:
    """Everything after the heading inside its ``section`` (AtCoder puts one section per heading)."""
    parent = h3.parent
    if isinstance(parent, Tag) and parent.name == "section":
        copy = BeautifulSoup(str(parent), "html.parser")
        first = copy.find("h3")
        if first is not None:
            first.extract()
        return html_to_markdown(copy)
    return ""


def _title(soup: BeautifulSoup) -> str:
    heading = soup.select_one("span.h2")
    if heading is not None:
        for extra in heading.find_all("a"):
            extra.extract()
        return heading.get_text(" ", strip=True)
    title = soup.title.get_text(strip=True) if soup.title else ""
    return re.sub(r"\s+-\s+AtCoder.*$", "", title)


def _limits(soup: BeautifulSoup) -> Limits:
    """From "Time Limit: 2 sec / Memory Limit: 1024 MB" (or 実行時間制限 / メモリ制限) anywhere on the page."""
    limits = Limits()
    text = soup.get_text(" ", strip=True)
    time_match = re.search(r"(?:Time Limit|実行時間制限)\s*:\s*([\d.]+\s*(?:ms|sec)?)", text)
    memory_match = re.search(r"(?:Memory Limit|メモリ制限)\s*:\s*([\d.]+\s*(?:[KMG]i?B)?)", text)
    if time_match and (ms := seconds_to_ms(time_match.group(1))):
        limits.time_limit_ms = ms
    if memory_match and (mb := megabytes(memory_match.group(1))):
        limits.memory_limit_mb = mb
    return limits
