"""Saved Baekjoon (acmicpc.net) problem pages."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from ...domain import Limits, Problem, TestCase
from ..files import slugify
from .common import megabytes, output_checker, page_url, sample_tests, seconds_to_ms
from .markup import html_to_markdown

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def matches(soup: BeautifulSoup) -> bool:
    return (
        soup.select_one("#problem_title") is not None or soup.select_one("#problem_description") is not None
    )


def parse(soup: BeautifulSoup, source: Path) -> tuple[Problem, list[TestCase]]:
    title_tag = soup.select_one("#problem_title")
    title = title_tag.get_text(" ", strip=True) if title_tag else ""
    number = _number(soup, source)

    description = html_to_markdown(soup.select_one("#problem_description"))
    # The "제한" (limits) and "힌트" (hint) sections belong to the statement the user reads.
    for selector, heading in (("#problem_limit", "제한"), ("#problem_hint", "힌트")):
        extra = html_to_markdown(soup.select_one(selector))
        if extra:
            description += f"\n\n## {heading}\n\n{extra}"
    is_korean = bool(_HANGUL.search(description + title))

    samples: list[tuple[Tag | None, Tag | None]] = []
    n = 1
    while (input_pre := soup.select_one(f"#sample-input-{n}")) is not None:
        samples.append((input_pre, soup.select_one(f"#sample-output-{n}")))
        n += 1
    tests = sample_tests(samples, source)

    output_format = html_to_markdown(soup.select_one("#problem_output"))
    problem = Problem(
        platform="baekjoon",
        problem_number=number,
        title=title or number,
        statement=description,
        statement_ko=description if is_korean else "",
        input_format=html_to_markdown(soup.select_one("#problem_input")),
        output_format=output_format,
        limits=_limits(soup),
        checker=output_checker(output_format),
        tags=[a.get_text(strip=True) for a in soup.select("#problem_tags a") if a.get_text(strip=True)],
        source_url=f"https://www.acmicpc.net/problem/{number}" if number.isdigit() else "",
        test_case_count=len(tests),
    )
    return problem, tests


def _number(soup: BeautifulSoup, source: Path) -> str:
    """From the canonical URL, og:url, the problem menu, the "1000번: A+B" title, any /problem/N link, or the file."""
    match = re.search(r"/problem/(\d+)", page_url(soup))
    if match:
        return match.group(1)
    for link in soup.select("ul.problem-menu a[href]"):
        match = re.search(r"/problem/(\d+)$", str(link["href"]))
        if match:
            return match.group(1)
    title = soup.title.get_text() if soup.title else ""
    match = re.match(r"\s*(\d+)번", title)
    if match:
        return match.group(1)
    for link in soup.find_all("a", href=True):
        match = re.search(r"acmicpc\.net/problem/(\d+)$|^/problem/(\d+)$", str(link["href"]))
        if match:
            return match.group(1) or match.group(2)
    match = re.match(r"\d+", source.stem)
    return match.group(0) if match else slugify(source.stem)


def _limits(soup: BeautifulSoup) -> Limits:
    """From the ``#problem-info`` table: header cells name the columns (시간 제한 / Time Limit, 메모리 제한 / Memory)."""
    limits = Limits()
    table = soup.select_one("#problem-info")
    if table is None:
        return limits
    headers = [th.get_text(" ", strip=True).lower() for th in table.select("thead th")]
    row = table.select_one("tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")] if row else []
    time_index, memory_index = 0, 1
    for i, header in enumerate(headers):
        if "시간" in header or "time" in header:
            time_index = i
        elif "메모리" in header or "memory" in header:
            memory_index = i
    if time_index < len(cells) and (ms := seconds_to_ms(cells[time_index])):
        limits.time_limit_ms = ms
    if memory_index < len(cells) and (mb := megabytes(cells[memory_index])):
        limits.memory_limit_mb = mb
    return limits
