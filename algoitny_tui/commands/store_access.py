"""Opening the store for a command, with errors a user can act on."""

from __future__ import annotations

from collections.abc import Iterator
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

        install_pack_if_wanted(settings, repos)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    try:
        yield repos
    except (StoreError, DecodeError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        repos.close()
