"""A problem from the browser never replaces one from another source; in the app, a web page's request changes
nothing and is shown as a notification, never printed over the screen."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings, load_settings
from algoitny_tui.problems import load_problem_dir
from algoitny_tui.problems.builtin import PACK_DIR, load_pack_problem
from algoitny_tui.problems.companion import problem_from_companion
from algoitny_tui.problems.companion_store import store_browser_problem
from algoitny_tui.storage.factory import Repositories, open_repositories
from tests.app.conftest import wait_for
from tests.hostile_input.test_listener import read_all, request

ATTACK = {"name": "Not yours", "url": "http://algoitny/0001", "tests": [{"input": "0\n", "output": "evil\n"}]}


@pytest.fixture
def repos() -> Iterator[Repositories]:
    repos = open_repositories(load_settings())
    yield repos
    repos.close()


def stored_tests(repos: Repositories, platform: str, number: str) -> list[tuple[str, str | None]]:
    found = repos.problems.get_problem_with_testcases(platform, number)
    assert found is not None
    return [(t.input, t.expected_output) for t in found[1]]


def test_a_url_naming_the_built_in_pack_gets_its_own_platform(repos: Repositories) -> None:
    builtin_dir = next(p for p in PACK_DIR.iterdir() if p.name.startswith("0001-"))
    repos.problems.put_problem(*load_pack_problem(builtin_dir))
    before = stored_tests(repos, "algoitny", "0001")
    stored = store_browser_problem(repos, *problem_from_companion(ATTACK, source=None))
    assert stored.problem_id == "cc-algoitny#0001"
    assert stored_tests(repos, "algoitny", "0001") == before
    assert stored_tests(repos, "cc-algoitny", "0001") == [("0\n", "evil\n")]


def test_a_browser_problem_colliding_with_an_imported_package_is_stored_beside_it(
    repos: Repositories, tmp_path: Path
) -> None:
    package = tmp_path / "hello"
    (package / "data" / "sample").mkdir(parents=True)
    (package / "data" / "sample" / "1.in").write_text("package\n")
    (package / "data" / "sample" / "1.ans").write_text("package\n")
    repos.problems.put_problem(*load_problem_dir(package, platform="open.kattis.com"))
    sent = {"name": "Hello", "url": "https://open.kattis.com/problems/hello", "tests": [{"input": "web\n"}]}
    first = store_browser_problem(repos, *problem_from_companion(sent, source=None))
    assert first.problem_id == "cc-open.kattis.com#hello"
    assert stored_tests(repos, "open.kattis.com", "hello") == [("package\n", "package\n")]
    # The same page sent again updates its own copy, still not the package's.
    again = store_browser_problem(
        repos, *problem_from_companion({**sent, "tests": [{"input": "web 2\n"}]}, source=None)
    )
    assert again.problem_id == "cc-open.kattis.com#hello"
    assert stored_tests(repos, "cc-open.kattis.com", "hello") == [("web 2\n", None)]
    assert stored_tests(repos, "open.kattis.com", "hello") == [("package\n", "package\n")]


def test_the_same_page_sent_twice_updates_its_problem(repos: Repositories) -> None:
    sent = {"name": "A", "url": "https://codeforces.com/contest/1/problem/A", "tests": [{"input": "1\n"}]}
    store_browser_problem(repos, *problem_from_companion(sent, source=None))
    stored = store_browser_problem(
        repos, *problem_from_companion({**sent, "tests": [{"input": "2\n"}]}, source=None)
    )
    assert stored.problem_id == "codeforces#1A" and stored_tests(repos, "codeforces", "1A") == [("2\n", None)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_in_the_app_a_web_pages_request_changes_nothing_and_is_a_notification(
    monkeypatch: pytest.MonkeyPatch, repos: Repositories, capfd: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    monkeypatch.setenv("ALGOITNY_COMPANION_PORT", str(port))
    settings: Settings = load_settings()
    builtin_dir = next(p for p in PACK_DIR.iterdir() if p.name.startswith("0001-"))
    repos.problems.put_problem(*load_pack_problem(builtin_dir))
    before = [(p.problem_id, p.updated_at) for p in repos.problems.iter_problems()]

    def post(raw: bytes) -> bytes:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(raw)
            return read_all(sock)

    app = make_app(settings, start_worker=False, install_pack=False, companion=True)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: app.companion is not None, "the listener")
        body = json.dumps(ATTACK).encode()
        answer = await asyncio.to_thread(
            post, request(body, content_type="text/plain", origin="https://evil.example")
        )
        assert answer.startswith(b"HTTP/1.0 403")
        await wait_for(
            pilot,
            lambda: any(
                "refused a request from 'https://evil.example'" in str(n.message) for n in app._notifications
            ),
            "the notification",
        )
    assert [(p.problem_id, p.updated_at) for p in repos.problems.iter_problems()] == before
    assert capfd.readouterr().err == ""
