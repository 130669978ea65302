"""Bits every saved-page parser needs: the page's own URL, numbers in limit texts, sample pairs."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from ...domain import CheckerKind, CheckerSpec, TestCase
from ..errors import ProblemFormatError
from .markup import pre_text


def page_url(soup: BeautifulSoup) -> str:
    """The URL the page was saved from: ``<link rel=canonical>``, ``og:url``, or the browser's "saved from" comment."""
    link = soup.find("link", rel="canonical")
    if isinstance(link, Tag) and link.get("href"):
        return str(link["href"])
    meta = soup.find("meta", attrs={"property": "og:url"})
    if isinstance(meta, Tag) and meta.get("content"):
        return str(meta["content"])
    match = re.search(r"saved from url=\(\d+\)(\S+)", str(soup)[:2000])
    return match.group(1) if match else ""


def seconds_to_ms(text: str) -> int | None:
    """``"1 초"``, ``"2 seconds"``, ``"0.5 sec"``, ``"1.5 초 (추가 시간 없음)"`` -> milliseconds."""
    match = re.search(r"(\d+(?:\.\d+)?)\s*(ms|밀리초|millisecond)?", text)
    if not match:
        return None
    value = float(match.group(1))
    return max(1, round(value if match.group(2) else value * 1000))


def megabytes(text: str) -> int | None:
    """``"128 MB"``, ``"256 megabytes"``, ``"1 GB"`` -> MB."""
    match = re.search(r"(\d+(?:\.\d+)?)\s*(GB|GiB|gigabyte|KB|KiB|kilobyte)?", text, re.IGNORECASE)
    if not match:
        return None
    value = float(match.group(1))
    unit = (match.group(2) or "").lower()
    if unit.startswith("g"):
        value *= 1024
    elif unit.startswith("k"):
        value /= 1024
    return max(1, round(value))


def sample_tests(pairs: list[tuple[Tag | None, Tag | None]], source: Path) -> list[TestCase]:
    """Sample TestCases from (input pre, output pre) pairs; an input without its output is an error."""
    tests: list[TestCase] = []
    for index, (input_pre, output_pre) in enumerate(pairs, start=1):
        if input_pre is None or output_pre is None:
            missing = "output" if output_pre is None else "input"
            raise ProblemFormatError(f"{source}: sample {index} has no {missing}", source)
        tests.append(
            TestCase(
                test_case_id=f"sample/{index}",
                input=pre_text(input_pre),
                expected_output=pre_text(output_pre),
                is_sample=True,
                order=index - 1,
            )
        )
    return tests


_TOLERANCE = re.compile(
    r"(?:error|오차|誤差).{0,160}?10\s*\^?\s*\{?\s*[-−]\s*(\d+)\s*\}?", re.IGNORECASE | re.DOTALL
)


def float_tolerance(text: str) -> float | None:
    """``1e-k`` when the output section says answers within an error of ``10^-k`` are accepted.

    Sites judge such problems with a special checker the page cannot give us; without the tolerance the default
    token check would reject correct answers, which is worse than accepting within the stated error.
    """
    match = _TOLERANCE.search(text)
    return 10.0 ** -int(match.group(1)) if match else None


def output_checker(output_format: str) -> CheckerSpec:
    """Case-sensitive token check (Codeforces, Baekjoon, AtCoder), with a float tolerance when the page states one."""
    tolerance = float_tolerance(output_format)
    return CheckerSpec(
        kind=CheckerKind.DEFAULT,
        case_sensitive=True,
        float_absolute_tolerance=tolerance,
        float_relative_tolerance=tolerance,
    )
