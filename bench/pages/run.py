"""Saved pages at the importer's limits: how long the worst pages it still accepts take, and how fast the ones past
the limits are refused. Run from the repository root: `.venv/bin/python bench/pages/run.py`."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from algoitny_tui.problems import ProblemFormatError, load_saved_page
from algoitny_tui.problems.limits import MAX_PAGE_BYTES, MAX_PAGE_DEPTH, MAX_PAGE_ELEMENTS

FIXTURE = Path(__file__).resolve().parents[2] / "tests" / "problems" / "fixtures" / "codeforces_1850A.html"


def pages() -> dict[str, str]:
    real = FIXTURE.read_text()

    def with_body(filler: str) -> str:
        # Inside the statement, so the statement's Markdown rendering runs over it too.
        marker = '<div class="input-specification">'
        return real.replace(marker, filler + marker, 1)

    room = MAX_PAGE_BYTES - len(real) - 100
    spans = MAX_PAGE_ELEMENTS - 200
    return {
        "real page (fixture)": real,
        f"{spans} spans (just under the element limit)": with_body("<span>a</span>" * spans),
        "4 MB of paragraphs (just under the size limit)": with_body(
            ("<p>" + "word " * 200 + "</p>") * (room // 1007)
        ),
        "4 MB of plain text": with_body("a " * (room // 2)),
        f"{MAX_PAGE_DEPTH - 20} nested divs": with_body("<div>" * (MAX_PAGE_DEPTH - 20) + "</div>" * 200),
        "refused: 20 MB page": with_body("x" * 20 * 1024 * 1024),
        "refused: 60,000 spans": with_body("<span>a</span>" * 60_000),
        "refused: 20,000 nested divs": with_body("<div>" * 20_000),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| page | size | median s | outcome |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name, text in pages().items():
            path = Path(folder) / "page.html"
            path.write_text(text)
            times = []
            outcome = ""
            for _ in range(args.runs):
                start = time.perf_counter()
                try:
                    problem, _ = load_saved_page(path)
                    outcome = f"imported {problem.problem_id}"
                except ProblemFormatError as exc:
                    outcome = "refused: " + str(exc).split(": ", 1)[1][:60]
                times.append(time.perf_counter() - start)
            print(
                f"| {name} | {len(text.encode()) / 2**20:.2f} MB | {statistics.median(times):.2f} | {outcome} |"
            )


if __name__ == "__main__":
    main()
