"""`algoitny submit --wait` through a running worker's socket (worker_socket.py, worker/submit_server.py), with real
`algoitny worker` processes and real `algoitny submit` processes: the same output and exit code as the command's
own path, without pydantic in the command, and every way to fall back to that path."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from algoitny_tui import worker_socket
from algoitny_tui.config import environment_names, load_settings
from algoitny_tui.domain import JobStatus
from algoitny_tui.locations import Locations
from algoitny_tui.storage.factory import Repositories, open_repositories
from algoitny_tui.worker.client import wait_for_job
from tests.worker.conftest import A_PLUS_B, SLOW_A_PLUS_B, a_plus_b, put_slow_problem, wait_mid_judging

WRONG = "print(0)\n"

SUBMIT_AND_LIST_MODULES = (
    "import json, sys; from algoitny_tui.cli import main; rc = main(sys.argv[1:]); sys.stdout.flush(); "
    "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core', 'huey', 'sqlite3') "
    "or m in ('algoitny_tui.codec', 'algoitny_tui.models', 'algoitny_tui.config', 'algoitny_tui.storage')); "
    "print('HEAVY', json.dumps(heavy), file=sys.stderr); sys.exit(rc)"
)
"""Runs the command in a fresh interpreter; on stderr, last, the heavy modules it loaded."""


def submit(
    solution: Path,
    *args: str,
    problem: str = "baekjoon#1000",
    env: dict[str, str] | None = None,
    fast: bool = True,
    wait: bool = True,
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """`algoitny submit PROBLEM SOLUTION --wait ARGS` as a user runs it (`wait=False`: without --wait); `fast=False`
    turns the worker's socket off. Returns the process (stderr without the module list) and the heavy modules it
    loaded."""
    variables = {**os.environ, **(env or {})}
    if not fast:
        variables[worker_socket.OFF_VARIABLE] = "0"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            SUBMIT_AND_LIST_MODULES,
            "submit",
            problem,
            str(solution),
            *(["--wait"] if wait else []),
            *args,
        ],
        capture_output=True,
        text=True,
        env=variables,
        timeout=180,
    )
    return result, heavy_modules(result)


def heavy_modules(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The heavy modules SUBMIT_AND_LIST_MODULES printed last on stderr, taken off it."""
    *rest, last = result.stderr.rstrip("\n").split("\n")
    assert last.startswith("HEAVY "), result.stderr
    result.stderr = "".join(f"{line}\n" for line in rest)
    return list(json.loads(last.removeprefix("HEAVY ")))


def masked(result: subprocess.CompletedProcess[str], as_json: bool) -> Any:
    """What must be equal between two submissions of the same code: everything but ids and times."""
    if not as_json:
        return re.sub(r"history \d+", "history ID", result.stdout)
    history = json.loads(result.stdout)
    for key in ("id", "job_id", "created_at", "updated_at"):
        history.pop(key)
    for test in history["test_results"]:
        for key in ("time_ms", "memory_kb", "memory_mb"):
            test.pop(key, None)
    return history


def sockets() -> list[Path]:
    return sorted(worker_socket.socket_dir(Locations.from_env()).glob("*.sock"))


def a_plus_b_request(locations: Locations) -> dict[str, Any]:
    """A valid request, as `algoitny submit --wait --json` sends it, for A+B with a new job id."""
    request = worker_socket.Request(
        "baekjoon#1000", A_PLUS_B, "python3", True, 60, worker_socket.new_job_id()
    )
    return worker_socket.request_message(request, worker_socket.fingerprint(locations))


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text"])
def test_the_fast_path_prints_what_the_commands_own_path_prints(
    as_json: bool, repos: Repositories, start_consumer: Any, tmp_path: Path
) -> None:
    worker = start_consumer(wait_alive=load_settings())
    [path] = sockets()
    assert path.name.endswith(f".{worker.proc.pid}.sock")
    assert path.parent.stat().st_mode & 0o777 == 0o700 and path.stat().st_mode & 0o777 == 0o600
    flags = ["--json"] if as_json else []
    for code, exit_code, verdict in ((A_PLUS_B, 0, "AC"), (WRONG, 1, "WA")):
        solution = tmp_path / "sol.py"
        solution.write_text(code)
        fast, fast_modules = submit(solution, *flags)
        slow, slow_modules = submit(solution, *flags, fast=False)
        assert fast.returncode == slow.returncode == exit_code, (fast.stderr, slow.stderr)
        assert fast_modules == [], "the fast path loaded the heavy modules: it did not go through the worker"
        assert "pydantic" in slow_modules and "algoitny_tui.codec" in slow_modules  # the guard can fail
        assert masked(fast, as_json) == masked(slow, as_json) and fast.stderr == slow.stderr == ""
        assert verdict in fast.stdout and fast.stdout != slow.stdout  # two submissions: two history ids
    histories = repos.histories.iter_user_histories(load_settings().user)
    assert len(histories) == 4 and len({h.job_id for h in histories}) == 4
    assert len(repos.jobs.list_jobs()) == 4  # one job per submission, whichever path stored it


def test_without_wait_the_worker_queues_it_and_the_command_prints_the_job(
    repos: Repositories, start_consumer: Any, tmp_path: Path
) -> None:
    start_consumer(wait_alive=load_settings())
    solution = tmp_path / "sol.py"
    solution.write_text(A_PLUS_B)
    job_ids = []
    for flags in (["--json"], []):
        fast, fast_modules = submit(solution, *flags, wait=False)
        slow, slow_modules = submit(solution, *flags, wait=False, fast=False)
        assert fast.returncode == slow.returncode == 0 and fast.stderr == slow.stderr == "", (fast, slow)
        assert fast_modules == [] and "pydantic" in slow_modules
        ids = [re.findall(r"[0-9a-f]{32}", result.stdout) for result in (fast, slow)]
        assert [len(found) for found in ids] == [1, 1] and ids[0] != ids[1]
        assert fast.stdout.replace(ids[0][0], "ID") == slow.stdout.replace(ids[1][0], "ID")
        if flags:
            assert json.loads(fast.stdout) == {"job_id": ids[0][0], "status": "pending"}
        job_ids += [ids[0][0], ids[1][0]]
    for job_id in job_ids:  # each queued once, and run by the worker
        assert wait_for_job(repos, job_id, timeout_s=120).status == JobStatus.COMPLETED
    assert len(repos.jobs.list_jobs()) == 4


def test_an_unknown_problem_is_the_same_error_through_the_worker(
    repos: Repositories, start_consumer: Any, tmp_path: Path
) -> None:
    start_consumer(wait_alive=load_settings())
    solution = tmp_path / "sol.py"
    solution.write_text(A_PLUS_B)
    fast, fast_modules = submit(solution, "--json", problem="baekjoon#99999")
    slow, _ = submit(solution, "--json", problem="baekjoon#99999", fast=False)
    assert fast_modules == []  # the worker answered it
    assert fast.returncode == slow.returncode == 2
    assert (
        fast.stderr
        == slow.stderr
        == ("algoitny: problem baekjoon#99999 is not stored (see `algoitny problems list`)\n")
    )
    assert fast.stdout == slow.stdout == "" and repos.jobs.list_jobs() == []


def test_a_stale_socket_file_falls_back_to_the_commands_own_path(repos: Repositories, tmp_path: Path) -> None:
    """A worker that was killed leaves its socket file: connecting is refused, the file goes, the command submits
    on its own path (starting a worker for the command, as without the socket)."""
    locations = Locations.from_env()
    stale = worker_socket.socket_path(locations, worker_socket.fingerprint(locations), 999_999_999)
    stale.parent.mkdir(mode=0o700, parents=True)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(stale))  # bound, never listening, closed: what a killed worker leaves
    solution = tmp_path / "sol.py"
    solution.write_text(A_PLUS_B)
    result, modules = submit(solution, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "AC" and "pydantic" in modules
    assert not stale.exists()


def test_a_worker_with_other_settings_is_not_used(
    repos: Repositories, start_consumer: Any, tmp_path: Path
) -> None:
    """A setting given to the command alone: the worker would submit as its own user; the command's own path
    submits with the command's settings."""
    start_consumer(wait_alive=load_settings())
    assert len(sockets()) == 1
    solution = tmp_path / "sol.py"
    solution.write_text(A_PLUS_B)
    result, modules = submit(solution, "--json", env={"ALGOITNY_USER": "only-the-command"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["user_identifier"] == "only-the-command" and "pydantic" in modules
    # and a changed settings file, with the same environment as the worker's
    settings_file = Locations.from_env().settings_file
    settings_file.write_text('user = "from-the-new-file"\n')
    result, modules = submit(solution, "--json")
    assert json.loads(result.stdout)["user_identifier"] == "from-the-new-file" and "pydantic" in modules


@pytest.mark.slow
def test_a_worker_killed_after_storing_the_job_still_gets_the_verdict_printed_once(
    repos: Repositories, start_consumer: Any, tmp_path: Path
) -> None:
    settings = load_settings()
    problem_id = put_slow_problem(repos)
    worker = start_consumer(wait_alive=settings, workers=1)
    solution = tmp_path / "slow.py"
    solution.write_text(SLOW_A_PLUS_B)
    client = subprocess.Popen(
        [sys.executable, "-m", "algoitny_tui", "submit", problem_id, str(solution), "--wait", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # the worker is judging the command's job: it was stored and acknowledged over the socket
    running = wait_mid_judging(repos, worker)
    assert client.poll() is None
    worker.kill()
    out, err = client.communicate(timeout=120)
    assert client.returncode == 0, err
    history = json.loads(out)
    assert history["verdict"] == "AC" and history["job_id"] == running.id
    [job] = repos.jobs.list_jobs()  # the command waited for the job the worker stored: no second one
    assert job.status == JobStatus.COMPLETED and job.attempts == 2
    assert [h.id for h in repos.histories.iter_user_histories(settings.user)] == [history["id"]]


OTHER_USER = "algoitny-test"


def test_a_peer_of_another_uid_is_refused(repos: Repositories, start_consumer: Any, tmp_path: Path) -> None:
    """The directory (0700) and the socket (0600) keep other users out; were they opened (here by the test), the
    worker still refuses a peer whose uid is not its own (SO_PEERCRED) before reading the request."""
    import pwd

    if os.getuid() != 0:
        pytest.skip("needs root to run a process as another user")
    try:
        other = pwd.getpwnam(OTHER_USER)
    except KeyError:
        pytest.fail(f"no user {OTHER_USER}: run scripts/setup-test-user (scripts/test does)")
    worker = start_consumer(wait_alive=load_settings())
    [path] = sockets()
    os.chmod(path.parent, 0o711)
    os.chmod(path, 0o666)
    locations = Locations.from_env()
    request = a_plus_b_request(locations)
    peer = (
        "import json, socket, sys\n"
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
        "s.settimeout(30)\n"
        "s.connect(sys.argv[1])\n"  # relative: the test's temporary root is closed to this user
        "try:\n"
        "    s.sendall(sys.argv[2].encode() + b'\\n')\n"
        "    answer = s.recv(65536)\n"
        "except (BrokenPipeError, ConnectionResetError):\n"  # closed before or while it wrote
        "    answer = b''\n"
        "print(repr(answer))\n"
    )
    result = subprocess.run(
        ["/usr/bin/python3", "-c", peer, path.name, json.dumps(request)],
        cwd=path.parent,  # entered as root, before the switch to the other user
        user=other.pw_uid,
        group=other.pw_gid,
        extra_groups=[],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr  # it connected (the files were opened), and got
    assert result.stdout.strip() == "b''"  # nothing: closed at once
    assert repos.jobs.get_job(request["job_id"]) is None and repos.jobs.list_jobs() == []
    assert f"is not uid {os.getuid()}" in worker.log.read_text()
    # the same request from this uid is served: the refusal was the uid's
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as mine:
        mine.settimeout(60)
        mine.connect(str(path))
        worker_socket.send(mine, request)
        reader = worker_socket.Reader(mine)
        assert reader.receive() == {"job_id": request["job_id"], "status": "pending"}
        assert reader.receive()["report"]["json"]["verdict"] == "AC"


def test_every_variable_that_gives_a_setting_is_in_the_fingerprint() -> None:
    locations = Locations.from_env()
    before = worker_socket.fingerprint(locations)
    for name in environment_names():  # the settings' own list (pydantic), which the light rule must cover
        assert worker_socket.names_a_setting(name) and worker_socket.names_a_setting(name.upper()), name
        changed = {**os.environ, name.upper(): f"{os.environ.get(name.upper())} changed"}
        assert worker_socket.fingerprint(locations, changed) != before, name
    # chooses a path, gives no setting
    assert worker_socket.fingerprint(locations, {**os.environ, worker_socket.OFF_VARIABLE: "1"}) == before
    locations.settings_file.write_text("worker_threads = 3\n")
    assert worker_socket.fingerprint(locations) != before


def test_with_the_fast_path_off_a_worker_does_not_listen(
    repos: Repositories, start_consumer: Any, tmp_path: Path
) -> None:
    start_consumer(env_extra={worker_socket.OFF_VARIABLE: "0"}, wait_alive=load_settings())
    assert sockets() == []
    solution = tmp_path / "sol.py"
    solution.write_text(A_PLUS_B)
    result, modules = submit(solution, "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["verdict"] == "AC", result.stderr
    assert "pydantic" in modules


def test_a_home_deeper_than_a_socket_name_may_be_still_gets_the_fast_path(
    start_consumer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 107 bytes a socket's path cannot be bound or reached by name: the worker's submit and wake-up sockets
    are then reached through their directory's descriptor (/proc/self/fd/N/NAME)."""
    deep = tmp_path / ("deep-" + "d" * 60) / ("er-" + "e" * 60)
    monkeypatch.setenv("ALGOITNY_HOME", str(deep))
    with contextlib.closing(open_repositories(load_settings())) as repos:
        repos.problems.put_problem(*a_plus_b())
    worker = start_consumer(wait_alive=load_settings())
    [path] = sockets()
    assert len(os.fsencode(path)) > 107 and path.is_socket()
    deadline = time.monotonic() + 60  # made on the consumer's first read of the queue, maybe after the beacon
    while not list((deep / "data").glob("*.wake/*.sock")) and time.monotonic() < deadline:
        time.sleep(0.05)
    [wake] = list((deep / "data").glob("*.wake/*.sock"))  # bound too: a new job wakes the worker at once
    assert wake.name == f"{worker.proc.pid}.sock" and wake.is_socket()
    solution = tmp_path / "sol.py"
    solution.write_text(A_PLUS_B)
    result, modules = submit(solution, "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["verdict"] == "AC", result.stderr
    assert modules == [], "the fast path loaded the heavy modules: it did not go through the worker"
    worker.proc.send_signal(signal.SIGINT)
    worker.proc.wait(timeout=60)
    assert not path.exists()


def test_the_socket_goes_with_its_worker(repos: Repositories, start_consumer: Any) -> None:
    worker = start_consumer(wait_alive=load_settings())
    [path] = sockets()
    worker.proc.send_signal(signal.SIGINT)
    worker.proc.wait(timeout=60)
    assert not path.exists()


@pytest.mark.parametrize(
    "garbage",
    [b"not json\n", b"[1, 2]\n", b'{"refused": false}\n', b'{"job_id": "another"}\n', b""],
    ids=["not JSON", "not an object", "no word", "another job", "closed"],
)
def test_a_listener_that_answers_garbage_is_left_for_the_commands_own_path(
    garbage: bytes, repos: Repositories, tmp_path: Path
) -> None:
    """Whatever sits on a matching socket and does not speak the protocol: the command submits on its own path
    (starting a worker for itself), with the job id it chose, and prints the verdict."""
    import threading

    locations = Locations.from_env()
    path = worker_socket.socket_path(locations, worker_socket.fingerprint(locations), os.getpid())
    path.parent.mkdir(mode=0o700, parents=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(1)
    requests: list[dict[str, Any]] = []

    def answer_once() -> None:
        conn, _ = listener.accept()
        with conn:
            requests.append(worker_socket.Reader(conn).receive())
            conn.sendall(garbage)

    server = threading.Thread(target=answer_once, daemon=True)
    server.start()
    solution = tmp_path / "sol.py"
    solution.write_text(A_PLUS_B)
    try:
        result, modules = submit(solution, "--json")
    finally:
        listener.close()
    server.join(timeout=10)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "pydantic" in modules
    history = json.loads(result.stdout)
    assert history["verdict"] == "AC" and history["job_id"] == requests[0]["job_id"]
    assert len(repos.jobs.list_jobs()) == 1


def test_a_worker_refuses_requests_it_cannot_serve(repos: Repositories, start_consumer: Any) -> None:
    start_consumer(wait_alive=load_settings())
    [path] = sockets()
    locations = Locations.from_env()
    good = a_plus_b_request(locations)
    bad = [
        {**good, "fingerprint": "0" * 32},
        {**good, "protocol": worker_socket.PROTOCOL + 1},
        {**good, "job_id": "../../etc"},
        {**good, "code": None},
        {**good, "timeout_s": -1},
        {key: value for key, value in good.items() if key != "language"},
    ]
    for request in bad:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(60)
            conn.connect(str(path))
            worker_socket.send(conn, request)
            assert worker_socket.Reader(conn).receive() == {"refused": True}, request
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:  # not JSON: closed
        conn.settimeout(60)
        conn.connect(str(path))
        conn.sendall(b"\x00\xff garbage\n")
        assert conn.recv(100) == b""
    assert repos.jobs.list_jobs() == []
