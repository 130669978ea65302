"""Histories and problems written straight to DynamoDB (store = "dynamodb", as workers on several machines write
them) reach a machine that syncs a SQLite store: after its next sync, once, and nothing goes back needlessly."""

from __future__ import annotations

import random
import threading
from pathlib import Path
from typing import Any

from algoitny_tui.storage.factory import Repositories
from algoitny_tui.sync.direct import ChangeNumbers, SyncedDynamoDBTable
from algoitny_tui.sync.versions import REGISTRY_SK, registry_pk
from tests.sync.conftest import Machine, assert_same, history, problem


def direct_table(m: Machine, data_dir: Path) -> SyncedDynamoDBTable:
    """A store = "dynamodb" table over the machines' table, as the factory makes it for a worker home."""
    return SyncedDynamoDBTable(
        m.remote.table_name,
        endpoint_url=m.remote.endpoint_url,
        region="us-east-1",
        session=m.remote._session,
        data_dir=data_dir,
        default_owner="USER#alice",
    )


def test_worker_writes_are_pulled_once_and_not_pushed_back(machines: Any, tmp_path: Path) -> None:
    laptop = machines("laptop")
    laptop.sync()  # makes the table
    worker = Repositories.over(direct_table(laptop, tmp_path / "worker-home"))
    rng = random.Random(7)
    made = [worker.histories.create_history(history(rng)) for _ in range(5)]
    big = history(rng, code_lines=40_000)  # over 350 KB of code: a main item and chunk items
    made.append(worker.histories.create_history(big))
    p, cases = problem("1000", tests=4)
    worker.problems.put_problem(p, cases)
    worker.histories.create_history(history(rng, user="bob"))  # another user's: not this laptop's to pull

    first = laptop.sync()
    assert first.errors == [] and first.pushed == 0
    mine = {h.id for h in laptop.repos.histories.iter_user_histories("alice")}
    assert mine == {h.id for h in made}
    assert laptop.repos.histories.iter_user_histories("bob") == []
    pulled = laptop.repos.histories.load_history(made[-1].id)
    assert pulled is not None and pulled.code == big.code
    got = laptop.repos.problems.get_problem_with_testcases("baekjoon", "1000")
    assert got is not None and [c.input for c in got[1]] == [c.input for c in cases]

    again = laptop.sync()
    assert (again.pulled, again.pushed, again.pending, again.errors) == (0, 0, 0, [])

    # A hint written by a worker, and a test case dropped by a worker, arrive on the next sync.
    worker.histories.update_hints(made[0].id, ["look at overflow"], ["offline"], "")
    worker.problems.put_problem(p, cases[:2])
    third = laptop.sync()
    assert (
        third.errors == [] and third.pushed == 0 and third.pulled >= 3
    )  # the history, the problem, 2 deletes
    hinted = laptop.repos.histories.load_history(made[0].id)
    assert hinted is not None and hinted.hints == ["look at overflow"]
    got = laptop.repos.problems.get_problem_with_testcases("baekjoon", "1000")
    assert got is not None and len(got[1]) == 2
    assert laptop.sync().pushed == 0
    worker.close()


def test_a_history_pushed_by_sync_and_hinted_by_a_worker_comes_back(machines: Any, tmp_path: Path) -> None:
    laptop, other = machines("laptop"), machines("other")
    created = laptop.repos.histories.create_history(history(random.Random(3)))
    laptop.sync()
    worker = Repositories.over(direct_table(laptop, tmp_path / "worker-home"))
    worker.histories.update_hints(created.id, ["first hint"], ["offline"], "")
    for m in (laptop, other):
        report = m.sync()
        assert report.errors == []
        got = m.repos.histories.load_history(created.id)
        assert got is not None and got.hints == ["first hint"]
    # The laptop adds the next hint: its push is conditional on the worker's version, and wins (newer).
    laptop.repos.histories.update_hints(created.id, ["first hint", "second"], ["offline", "offline"], "")
    assert laptop.sync().pushed == 1
    other.sync()
    got = other.repos.histories.load_history(created.id)
    assert got is not None and got.hints == ["first hint", "second"]
    assert_same(laptop.remote, laptop, other)
    worker.close()


def test_threads_writing_at_once_lose_nothing(machines: Any, tmp_path: Path) -> None:
    laptop = machines("laptop")
    laptop.sync()
    table = direct_table(laptop, tmp_path / "worker-home")
    worker = Repositories.over(table)
    ids: list[int] = []
    lock = threading.Lock()

    def write(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(6):
            h = worker.histories.create_history(history(rng))
            with lock:
                ids.append(h.id)

    threads = [threading.Thread(target=write, args=(seed,)) for seed in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    laptop.sync()
    assert {h.id for h in laptop.repos.histories.iter_user_histories("alice")} == set(ids)
    registry = laptop.remote.get(registry_pk("USER#alice"), REGISTRY_SK)
    assert registry is not None and registry["w"] == {table.writer: max(registry["w"].values())}
    worker.close()


def test_two_processes_of_one_home_get_two_writers_and_a_restart_keeps_its_writer(tmp_path: Path) -> None:
    home = tmp_path / "home"
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from algoitny_tui.sync.direct import WriterSlot; "
        "print(WriterSlot(Path(sys.argv[1])).writer)"
    )
    held = __import__("algoitny_tui.sync.direct", fromlist=["WriterSlot"]).WriterSlot(home)
    other = subprocess.run(
        [sys.executable, "-c", code, str(home)], capture_output=True, text=True, check=True
    )
    again = subprocess.run(
        [sys.executable, "-c", code, str(home)], capture_output=True, text=True, check=True
    )
    assert other.stdout.strip() != held.writer
    assert other.stdout.strip() == again.stdout.strip()  # the slot freed by the first process is taken again
    assert held.writer.rsplit("-", 1)[0] == other.stdout.strip().rsplit("-", 1)[0]  # one home id


def test_a_number_is_published_only_when_no_lower_write_is_in_flight() -> None:
    numbers = ChangeNumbers(floor=0)
    a, b, c = numbers.begin(), numbers.begin(), numbers.begin()
    assert a < b < c
    assert numbers.end(c, ["USER#x"]) == {}  # a and b may still land below c
    assert numbers.end(a, ["PROBS"]) == {"PROBS": b - 1}  # b is in flight: only below it
    assert numbers.end(b, []) == {"USER#x": c}
    later = ChangeNumbers(floor=10**20)  # a clock set back: numbers stay above what was published
    assert later.begin() > 10**20
