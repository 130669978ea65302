"""Background sync from the app against a real DynamoDB Local; and the store reads behind the screens (the SQLite
fast path agrees with the generic one, history pages chain up to the whole list)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.app import make_app
from algoitny_tui.codec import history_key
from algoitny_tui.config import Settings, load_settings
from algoitny_tui.services import problem_list as queries
from algoitny_tui.storage.factory import Repositories, open_repositories
from algoitny_tui.storage.history_summaries import HistoryFilter
from tests.app.conftest import A_PLUS_B, FIXED_TIME, a_plus_b, echo_problem, history, screen_text, wait_for
from tests.app.test_solve_flow import open_a_plus_b, replace_code
from tests.servers import DynamoDBLocal


@pytest.fixture
def synced_settings(
    settings: Settings, dynamodb_local: DynamoDBLocal, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    table = f"app-sync-{uuid.uuid4().hex[:10]}"
    for name, value in dynamodb_local.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("ALGOITNY_SYNC", "on")
    monkeypatch.setenv("ALGOITNY_DYNAMODB_TABLE", table)
    monkeypatch.setenv("ALGOITNY_SYNC_INTERVAL_S", "3600")  # only the start and the submission sync here
    yield load_settings(settings.locations)
    # A test that failed before the first sync never created it.
    dynamodb_local.table(table).delete_table(missing_ok=True)


async def test_a_submission_reaches_dynamodb_through_the_apps_background_sync(
    synced_settings: Settings, dynamodb_local: DynamoDBLocal
) -> None:
    repos = open_repositories(synced_settings)
    repos.problems.put_problem(*a_plus_b())
    repos.problems.put_problem(*echo_problem())
    remote = dynamodb_local.table(synced_settings.dynamodb_table)
    app = make_app(synced_settings, install_pack=False)  # with a worker of its own
    try:
        async with app.run_test(size=(140, 45)) as pilot:
            screen = await open_a_plus_b(pilot)
            await replace_code(pilot, screen, A_PLUS_B.strip())
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: "Submission: AC Accepted" in screen_text(app), "the verdict")
            stored = repos.histories.list_user_histories("tester")[0]
            assert len(stored) == 1
            pk, sk = history_key(stored[0].id)
            await wait_for(pilot, lambda: remote.get(pk, sk) is not None, "the history in DynamoDB")
            await wait_for(pilot, lambda: "sync: ok" in screen_text(app), "the status bar's sync state")
            item = remote.get(pk, sk)
            assert item is not None and item["dat"]["vrd"] == "AC"
    finally:
        repos.close()


def test_the_app_does_not_load_boto3_huey_or_the_settings_model_at_start(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, algoitny_tui.cli, algoitny_tui.commands.app, algoitny_tui.app, "
        "algoitny_tui.screens.problems; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore', 'huey', 'pydantic', "
        "'pydantic_settings')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


# --- the reads behind the screens --------------------------------------------------------------------------------


def test_the_problem_list_rewrites_the_index_cache_it_first_paints_from(
    settings: Settings, repos: Repositories, tmp_path: Path
) -> None:
    assert queries.cached_problem_rows(tmp_path) is None
    stored = queries.stored_problem_rows(repos, tmp_path)
    assert [r.id for r in stored] == ["baekjoon#1000", "codeforces#4A"]
    assert queries.cached_problem_rows(tmp_path) == stored


def many_histories(repos: Repositories, count: int = 30) -> list[int]:
    ids = []
    for i in range(count):
        verdict = "AC" if i % 4 == 0 else "WA"
        problem = ("baekjoon", "1000", "A+B") if i % 3 else ("codeforces", "4A", "Watermelon")
        hid = 1_700_000_000_000_000 + i
        repos.histories.create_history_with_id(
            history(
                hid,
                verdict,
                problem=problem,
                created_at=FIXED_TIME + i,
                language="cpp" if i % 2 else "python3",
            )
        )
        ids.append(hid)
    return ids


def test_solved_and_tried_from_sql_agree_with_reading_every_item(
    settings: Settings, repos: Repositories, tmp_path: Path
) -> None:
    many_histories(repos)
    repos.histories.create_history_with_id(
        history(1_800_000_000_000_000, "WA", problem=("atcoder", "abc1_a", "x"))
    )
    fast = queries.status_map(repos, "tester", tmp_path / "fast")
    generic: dict[str, str] = {}
    for model in repos.histories.iter_user_histories("tester"):  # every item decoded, the model's own rule
        if model.accepted:
            generic[model.problem_id] = "solved"
        else:
            generic.setdefault(model.problem_id, "tried")
    assert (
        fast == generic == {"baekjoon#1000": "solved", "codeforces#4A": "solved", "atcoder#abc1_a": "tried"}
    )
    # The cache: a newer submission is read on its own, and changes the mark.
    repos.histories.create_history_with_id(
        history(1_800_000_000_000_001, "AC", problem=("atcoder", "abc1_a", "x"))
    )
    assert queries.status_map(repos, "tester", tmp_path / "fast")["atcoder#abc1_a"] == "solved"


def test_history_pages_chain_up_to_the_whole_list(settings: Settings, repos: Repositories) -> None:
    ids = many_histories(repos)
    every = HistoryFilter()
    seen: list[int] = []
    cursor = None
    while True:
        page = repos.histories.summary_page("tester", every, cursor, limit=7)
        seen += [r.id for r in page.rows]
        cursor = page.cursor
        if cursor is None:
            break
    assert seen == sorted(ids, reverse=True)
    # A filter that matches few, read at most 4 items per call: every match, newest first, none twice.
    only_ac = HistoryFilter(verdict="AC")
    found: list[int] = []
    cursor = None
    calls = 0
    while True:
        page = repos.histories.summary_page("tester", only_ac, cursor, limit=100, max_scan=4)
        found += [r.id for r in page.rows]
        calls += 1
        cursor = page.cursor
        if cursor is None:
            break
    assert found == [i for i in sorted(ids, reverse=True) if (i - 1_700_000_000_000_000) % 4 == 0]
    assert calls >= len(ids) // 4


def test_problem_rows_from_sql_match_the_decoded_problems(settings: Settings, repos: Repositories) -> None:
    fast = repos.problems.index_entries()
    decoded = [
        {
            "id": p.problem_id,
            "platform": p.platform,
            "number": p.problem_number,
            "title": p.title,
            "tags": p.tags,
            "difficulty": p.difficulty,
            "tests": p.test_case_count,
        }
        for p in repos.problems.iter_problems()
    ]
    assert fast == decoded and [e["id"] for e in fast] == ["baekjoon#1000", "codeforces#4A"]
