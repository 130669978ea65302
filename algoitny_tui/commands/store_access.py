"""Opening the store for a command, with errors a user can act on."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from algoitny_tui.codec import DecodeError
from algoitny_tui.commands.common import CommandError, settings_or_exit
from algoitny_tui.storage.factory import Repositories, open_repositories
from algoitny_tui.storage.table import StoreError


@contextmanager
def repositories(*, writing: bool = False) -> Iterator[Repositories]:
    """The store's repositories for one command; `writing`: the store is checked whole first (a damaged file is
    refused, never written to)."""
    settings = settings_or_exit()
    try:
        repos = open_repositories(settings)
        if writing:
            repos.table.check_integrity()
        from algoitny_tui.problems.pack_install import install_pack_if_wanted

        with _pack_progress() as on_problem:
            install_pack_if_wanted(settings, repos, on_problem=on_problem)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    try:
        yield repos
    except (StoreError, DecodeError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        repos.close()


@contextmanager
def _pack_progress() -> Iterator[Callable[[str], None] | None]:
    """On a terminal, the built-in pack's install says what it does: on a new store it generates the tests of every
    problem, ~20 s that would otherwise look like a hang. Elsewhere (a pipe, a script) nothing is printed."""
    if not sys.stderr.isatty():
        yield None
        return
    total, done = 0, 0

    def show(problem_id: str) -> None:
        nonlocal total, done
        if (
            not total
        ):  # counted on the first problem written: an installed pack (every later start) costs nothing
            from algoitny_tui.problems.builtin import iter_pack_dirs

            total = len(iter_pack_dirs())
        done += 1
        line = f"installing the built-in problems (once): {done}/{total} {problem_id}"
        print(f"\r\x1b[K{line}", end="", file=sys.stderr, flush=True)

    try:
        yield show
    finally:
        if done:  # end the line, also when the install stopped part way (an error, Ctrl-C)
            print(file=sys.stderr, flush=True)
