"""Push, pull, two machines, the push mix and the no-overwrite rule, against a real DynamoDB Local."""

from __future__ import annotations

import random
from typing import Any

from algoitny_tui.storage.table import Update
from algoitny_tui.sync.engine import sync_status
from tests.storage.old_codec import old_items
from tests.sync.conftest import assert_same, history, problem


def test_first_sync_creates_the_table_and_pushes_everything(machines: Any) -> None:
    a = machines("a")
    rng = random.Random(1)
    for _ in range(30):
        a.repos.histories.create_history(history(rng))
    p, cases = problem("1000")
    a.repos.problems.put_problem(p, cases)
    a.local.put({"PK": "JOB#1", "SK": "META", "tp": "job", "dat": {}, "crt": 0, "upd": 0})  # stays local
    assert sync_status(a.local).pending == 30 + 1 + 3
    report = a.sync()
    assert report.created_table and report.errors == [] and report.pending == 0
    assert report.pushed == 34
    assert_same(a.remote, a)
    again = a.sync()
    assert (again.created_table, again.pushed, again.pulled, again.errors) == (False, 0, 0, [])
    state = sync_status(a.local)
    assert state.pending == 0 and state.last_error is None and state.last_sync_at is not None


def test_a_hint_added_on_one_machine_appears_on_the_other(machines: Any) -> None:
    a, b = machines("a"), machines("b")
    rng = random.Random(2)
    stored = [a.repos.histories.create_history(history(rng)) for _ in range(5)]
    a.repos.problems.put_problem(*problem("1001"))
    a.sync()
    report = b.sync()
    assert report.pulled == 5 + 1 + 3 and report.pushed == 0
    assert b.sync().pushed == 0  # what was pulled is not pushed back
    got = b.repos.histories.load_history(stored[0].id)
    assert got is not None and got.code == stored[0].code
    a.repos.histories.update_hints(stored[0].id, ["look at the sum", "use 64-bit"])
    assert a.sync().pushed == 1
    b.sync()
    got = b.repos.histories.load_history(stored[0].id)
    assert got is not None and got.hints == ["look at the sum", "use 64-bit"]
    # and back: B adds a history and changes a problem; A sees both
    new = b.repos.histories.create_history(history(rng))
    p, cases = problem("1001", tests=2)
    b.repos.problems.put_problem(p, cases)  # fewer tests: one test case is deleted
    b.sync()
    a.sync()
    assert a.repos.histories.load_history(new.id) is not None
    with_tests = a.repos.problems.get_problem_with_testcases("baekjoon", "1001")
    assert with_tests is not None and len(with_tests[1]) == 2
    assert_same(a.remote, a, b)


def test_a_newer_remote_version_is_never_replaced(machines: Any) -> None:
    a, b = machines("a"), machines("b")
    h = a.repos.histories.create_history(history(random.Random(3)))
    a.sync()
    b.sync()
    pk, sk = f"HIST#{h.id}", "META"
    # Both change the same history; B's change is newer (by upd) and reaches the table first.
    a.local.update(pk, sk, Update(set={"dat.hnt": ["from a"], "upd": 1_000}))
    b.local.update(pk, sk, Update(set={"dat.hnt": ["from b"], "upd": 2_000}))
    b.sync()
    report = a.sync()
    assert report.conflicts == 1 and report.errors == []
    for m in (a, b):
        item = m.local.get(pk, sk)
        assert item is not None and item["dat"]["hnt"] == ["from b"]
    remote = a.remote.get(pk, sk)
    assert remote is not None and remote["dat"]["hnt"] == ["from b"]
    # An older change that arrives second loses; a newer one that arrives second wins.
    a.local.update(pk, sk, Update(set={"dat.hnt": ["a newer"], "upd": 3_000}))
    b.local.update(pk, sk, Update(set={"dat.hnt": ["b older"], "upd": 2_500}))
    b.sync()
    a.sync()
    b.sync()
    for m in (a, b):
        item = m.local.get(pk, sk)
        assert item is not None and item["dat"]["hnt"] == ["a newer"]
    assert_same(a.remote, a, b)


def test_new_histories_go_in_batches_the_rest_conditional_and_pull_never_scans(machines: Any) -> None:
    a, b = machines("a"), machines("b")
    calls: list[str] = []
    for m in (a, b):
        m.remote.client.meta.events.register(
            "before-call.dynamodb", lambda model, **kw: calls.append(model.name)
        )
    rng = random.Random(4)
    stored = [a.repos.histories.create_history(history(rng)) for _ in range(60)]
    a.repos.problems.put_problem(*problem("1002"))
    a.sync()
    assert calls.count("BatchWriteItem") == 3  # 60 new histories, 25 a call
    assert calls.count("TransactWriteItems") == 1  # the problem and its 3 tests: may exist remotely
    assert "PutItem" not in calls and "Scan" not in calls
    calls.clear()
    b.sync()
    assert "Scan" not in calls and "Query" in calls
    calls.clear()
    for h in stored[:30]:
        b.repos.histories.update_hints(h.id, ["x"])
    b.sync()
    assert calls.count("TransactWriteItems") == 1 and "BatchWriteItem" not in calls  # known remotely: guarded
    a.sync()
    assert_same(a.remote, a, b)


def test_one_new_history_is_one_write_and_a_few_reads(machines: Any) -> None:
    a = machines("a")
    rng = random.Random(5)
    for _ in range(200):
        a.repos.histories.create_history(history(rng))
    a.sync()
    calls: list[str] = []
    a.remote.client.meta.events.register("before-call.dynamodb", lambda model, **kw: calls.append(model.name))
    a.repos.histories.create_history(history(rng))
    report = a.sync()
    assert report.pushed == 1
    assert sorted(calls) == ["BatchGetItem", "BatchWriteItem", "UpdateItem"]  # push, publish, registries


def test_a_delete_reaches_a_clean_copy_whichever_digest_it_was_recorded_with(machines: Any) -> None:
    """A pushed copy is known by its body's hash, a pulled one by its content's: a remote delete must find either
    clean (unchanged) and apply; and a copy changed locally since is kept (and pushed again)."""
    a, b = machines("a"), machines("b")
    rng = random.Random(9)
    h1, h2, h3 = (a.repos.histories.create_history(history(rng)) for _ in range(3))
    assert a.sync().pushed == 3
    assert b.sync().pulled == 3
    b.local.delete(f"HIST#{h1.id}", "META")  # A knows h1 by the body it pushed
    b.sync()
    a.sync()
    assert a.local.get(f"HIST#{h1.id}", "META") is None
    a.local.delete(f"HIST#{h2.id}", "META")  # B knows h2 by the content it pulled
    a.sync()
    b.sync()
    assert b.local.get(f"HIST#{h2.id}", "META") is None
    a.local.update(
        f"HIST#{h3.id}", "META", Update(set={"dat.hnt": ["kept"], "upd": 5})
    )  # changed, not pushed yet
    b.local.delete(f"HIST#{h3.id}", "META")
    b.sync()
    a.sync()
    b.sync()
    for m in (a, b):
        item = m.local.get(f"HIST#{h3.id}", "META")
        assert item is not None and item["dat"]["hnt"] == ["kept"]
    assert_same(a.remote, a, b)


def test_items_of_the_previous_codec_sync_as_they_are_and_read_back_the_same(machines: Any) -> None:
    """Compressed text written by the previous codec is neither rewritten nor decompressed by sync: the remote copy is
    the same bytes, and the other machine reads the same code, outputs and verdicts."""
    items, expected = old_items()
    a, b = machines("a", user="old@example.com"), machines("b", user="old@example.com")
    a.local.batch_write(items)
    assert a.sync().ok
    for item in items:
        remote = a.remote.get(item["PK"], item["SK"])
        assert remote is not None and remote["dat"] == item["dat"]
    assert isinstance(a.remote.get(items[0]["PK"], "META")["dat"]["cod"], bytes)  # type: ignore[index]
    assert b.sync().ok
    old = expected["history"]
    history = b.repos.histories.load_history(old["id"])
    assert history is not None and history.code == old["code"]
    assert [(r.output, r.verdict) for r in history.test_results] == [
        (r["output"], r["status"]) for r in old["test_results"]
    ]
    assert a.sync().ok and a.remote.get(items[0]["PK"], "META")["dat"] == items[0]["dat"]  # type: ignore[index]


def test_a_history_pulled_from_another_machine_is_in_the_stats_shown_next(machines: Any) -> None:
    """A pulled history can be older than this machine's newest one, which the stored stats' freshness looks at:
    a sync that pulls drops the stored stats, so the Stats screen counts what came in."""
    from algoitny_tui.tasks.stats import current_user_stats

    a, b = machines("a"), machines("b")
    rng = random.Random(7)
    older = history(rng).model_copy(update={"created_at": 1_600_000_000})  # long before anything b has
    a.repos.histories.create_history(older)
    b.repos.histories.create_history(history(rng))
    before = current_user_stats(b.repos, "alice")
    assert before.attempts == 1 and b.repos.stats.get_stats("alice") is not None
    a.sync()
    assert b.sync().pulled >= 1
    assert b.repos.stats.get_stats("alice") is None
    assert current_user_stats(b.repos, "alice").attempts == 2
