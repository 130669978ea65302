"""The README's table of import limits is the code's: a limit changed in one place and not the other fails here."""

from __future__ import annotations

import re
from pathlib import Path

from algoitny_tui.problems import limits

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_every_limit_is_in_the_readme_with_its_value() -> None:
    names = [name for name in vars(limits) if name.startswith("MAX_")]
    assert len(names) >= 10
    for name in names:
        value = getattr(limits, name)
        shown = limits.human_size(value) if name.endswith("_BYTES") else str(value)
        assert re.search(rf"\| `{name}` \| {re.escape(shown)} \|", README), (name, shown)


def test_the_listener_numbers_in_the_readme_are_the_codes() -> None:
    from algoitny_tui.services import companion_listener as listener

    assert f"at most {listener.MAX_CONNECTIONS} are served at once" in README
    assert f"{listener.REQUEST_DEADLINE_S:g} s\n  in all ({listener.READ_TIMEOUT_S:g} s per read)" in README
    assert f"at most {limits.human_size(limits.MAX_LISTENER_BODY_BYTES)} holding one problem object" in README
