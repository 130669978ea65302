"""The judge's options from settings: the compile cache, parallel runs, the user's languages (the worker's tasks
and the generator's smoke run read them from here)."""

from __future__ import annotations

from typing import Any

from algoitny_tui.config import Settings


def judge_options(settings: Settings) -> dict[str, Any]:
    options: dict[str, Any] = {"cache_dir": settings.locations.compile_cache_dir}
    if settings.judge_jobs:
        options["jobs"] = settings.judge_jobs
    if settings.languages:
        from algoitny_tui.judge.languages import languages_from_settings

        options["languages"] = languages_from_settings(settings.languages)
    return options
