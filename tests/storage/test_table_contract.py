"""The Table contract: what every repository relies on, checked on SQLite and on DynamoDB Local alike.

When the two stores could differ on an edge, the test states DynamoDB's behaviour (the store of record for sync).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from algoitny_tui.storage.table import (
    Cond,
    ConditionFailed,
    Item,
    Table,
    Update,
    item_absent,
    item_exists,
)


@pytest.fixture(params=["sqlite", "dynamodb"])
def table(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Table]:
    if request.param == "dynamodb":
        yield request.getfixturevalue("dynamodb_table")
        return
    from algoitny_tui.storage.sqlite_table import SQLiteTable

    store = SQLiteTable(tmp_path / "store.db")
    store.create_if_missing()
    try:
        yield store
    finally:
        store.close()


def hist(n: int, **extra: Any) -> Item:
    return {"PK": f"HIST#{n:016d}", "SK": "META", "tp": "hist", "dat": {"sts": "AC", "n": n}, **extra}


ALL_KINDS: Item = {
    "PK": "HIST#1696789012345678",
    "SK": "META",
    "tp": "hist",
    "str": "héllo, 세계 🚀 \u0000 tab\t",
    "empty": "",
    "id16": 1696789012345678,
    "neg": -42,
    "zero": 0,
    "big": 10**37,
    "flt": 0.1,
    "negflt": -1234.5678,
    "yes": True,
    "no": False,
    "none": None,
    "raw": b"\x00\x01\xffzlib",
    "emptyraw": b"",
    "dat": {
        "trs": [{"tid": "1", "out": "3\n", "pas": True, "err": None, "sts": "success"}, {"tid": "2"}],
        "deep": {"a": {"b": [1, [2, 3], {"c": 2.5}]}},
        "emptymap": {},
        "emptylist": [],
    },
    "crt": 1696789012,
    "upd": 1696789013,
}


# --- get / put ---------------------------------------------------------------------------------------------


def test_get_missing_is_none(table: Table) -> None:
    assert table.get("HIST#1", "META") is None


def test_put_get_round_trip_keeps_every_value_kind(table: Table) -> None:
    table.put(ALL_KINDS)
    got = table.get(ALL_KINDS["PK"], "META")
    assert got == ALL_KINDS
    assert got is not None
    # Types matter to the codec, not just equality (True == 1, 1 == 1.0).
    assert type(got["id16"]) is int and type(got["yes"]) is bool and type(got["flt"]) is float
    assert type(got["raw"]) is bytes and type(got["dat"]["deep"]["a"]["b"][2]["c"]) is float


@pytest.mark.parametrize(
    "bad", [{"SK": "META"}, {"PK": "A"}, {"PK": "", "SK": "META"}, {"PK": 1, "SK": "META"}]
)
def test_put_needs_string_keys(table: Table, bad: Item) -> None:
    with pytest.raises(ValueError):
        table.put(bad)
    with pytest.raises(ValueError):
        table.batch_write([bad])


def test_put_replaces_the_whole_item(table: Table) -> None:
    table.put(hist(1, extra="x"))
    table.put(hist(1))
    assert table.get("HIST#0000000000000001", "META") == hist(1)


def test_put_item_absent_twice_keeps_the_first(table: Table) -> None:
    table.put(hist(1, who="first"), conditions=[item_absent()])
    with pytest.raises(ConditionFailed):
        table.put(hist(1, who="second"), conditions=[item_absent()])
    assert table.get(hist(1)["PK"], "META") == hist(1, who="first")


def test_put_item_exists_on_absent_item_fails(table: Table) -> None:
    with pytest.raises(ConditionFailed):
        table.put(hist(1), conditions=[item_exists()])
    assert table.get(hist(1)["PK"], "META") is None


STORED: Item = {"PK": "JOB#1", "SK": "META", "n": 5, "s": "b", "dat": {"sts": "RUN", "x": 3, "nul": None}}


@pytest.mark.parametrize(
    ("cond", "holds"),
    [
        (Cond("n", "eq", 5), True),
        (Cond("n", "eq", 6), False),
        (Cond("dat.sts", "eq", "RUN"), True),
        (Cond("dat.sts", "eq", "DONE"), False),
        (Cond("dat.nul", "eq", None), True),
        (Cond("dat.missing", "eq", None), False),
        (Cond("n", "ne", 6), True),
        (Cond("n", "ne", 5), False),
        (Cond("dat.sts", "ne", "DONE"), True),
        (Cond("dat.sts", "ne", "RUN"), False),
        (Cond("missing", "ne", 1), True),  # absent counts as "not equal"
        (Cond("dat.missing", "ne", "RUN"), True),
        (Cond("n", "lt", 6), True),
        (Cond("n", "lt", 5), False),
        (Cond("dat.x", "lt", 4), True),
        (Cond("dat.x", "lt", 3), False),
        (Cond("n", "le", 5), True),
        (Cond("n", "gt", 5), False),
        (Cond("n", "ge", 5), True),
        (Cond("n", "ge", 6), False),
        (Cond("dat.x", "ge", 3), True),
        (Cond("dat.x", "gt", 3), False),
        (Cond("s", "lt", "c"), True),  # strings compare too
        (Cond("s", "ge", "c"), False),
        (Cond("missing", "lt", 100), False),  # comparisons with an absent attribute never hold
        (Cond("missing", "ge", 0), False),
        (Cond("dat.sts", "exists"), True),
        (Cond("dat.nope", "exists"), False),
        (Cond("dat.nope", "not_exists"), True),
        (Cond("dat", "not_exists"), False),
    ],
    ids=lambda v: f"{v.path}-{v.op}-{v.value!r}" if isinstance(v, Cond) else str(v),
)
def test_condition_operators(table: Table, cond: Cond, holds: bool) -> None:
    table.put(STORED)
    replacement = {**STORED, "written": True}
    if holds:
        table.put(replacement, conditions=[cond])
        assert table.get("JOB#1", "META") == replacement
    else:
        with pytest.raises(ConditionFailed):
            table.put(replacement, conditions=[cond])
        assert table.get("JOB#1", "META") == STORED


def test_several_conditions_must_all_hold(table: Table) -> None:
    table.put(STORED)
    with pytest.raises(ConditionFailed):
        table.put({**STORED, "w": 1}, conditions=[Cond("n", "eq", 5), Cond("dat.sts", "eq", "DONE")])
    table.put(
        {**STORED, "w": 1}, conditions=[Cond("n", "eq", 5), Cond("dat.sts", "eq", "RUN"), item_exists()]
    )
    assert table.get("JOB#1", "META") == {**STORED, "w": 1}


# --- update ------------------------------------------------------------------------------------------------


def test_update_set_add_remove_nested_returns_the_new_item(table: Table) -> None:
    table.put({"PK": "HIST#1", "SK": "META", "dat": {"psc": 1, "fsc": 2, "hnt": None, "cod": "x"}, "upd": 1})
    new = table.update(
        "HIST#1",
        "META",
        Update(
            set={"dat.hnt": ["use a map", "mind overflow"], "upd": 2, "dat.res": "Failed"},
            add={"dat.psc": 2, "cnt": 1},
            remove=["dat.cod"],
        ),
    )
    expected = {
        "PK": "HIST#1",
        "SK": "META",
        "dat": {"psc": 3, "fsc": 2, "hnt": ["use a map", "mind overflow"], "res": "Failed"},
        "upd": 2,
        "cnt": 1,
    }
    assert new == expected
    assert table.get("HIST#1", "META") == expected


def test_update_add_from_absent_attribute_starts_at_zero(table: Table) -> None:
    table.put({"PK": "PROB#1", "SK": "META", "dat": {}})
    assert table.update("PROB#1", "META", Update(add={"dat.exc": 1}))["dat"] == {"exc": 1}
    assert table.update("PROB#1", "META", Update(add={"dat.exc": 1, "hits": 5}))["dat"] == {"exc": 2}
    assert table.update("PROB#1", "META", Update(add={"hits": -2, "ratio": 0.5}))["hits"] == 3
    assert table.get("PROB#1", "META") == {
        "PK": "PROB#1",
        "SK": "META",
        "dat": {"exc": 2},
        "hits": 3,
        "ratio": 0.5,
    }


def test_update_creates_an_absent_item(table: Table) -> None:
    new = table.update("CNT#x", "META", Update(set={"tp": "cnt"}, add={"n": 1}))
    assert new == {"PK": "CNT#x", "SK": "META", "tp": "cnt", "n": 1}
    assert table.get("CNT#x", "META") == new


def test_update_nested_path_creates_missing_maps(table: Table) -> None:
    # Item absent: the parent maps are created, as apply_update does.
    new = table.update("CNT#y", "META", Update(set={"dat.sts": "NEW"}, add={"dat.n": 2}))
    assert new == {"PK": "CNT#y", "SK": "META", "dat": {"sts": "NEW", "n": 2}}
    # Item present without the map.
    table.put({"PK": "CNT#z", "SK": "META", "tp": "cnt"})
    new = table.update("CNT#z", "META", Update(set={"dat.a.b": 1, "upd": 7}, remove=["dat.gone"]))
    assert new == {"PK": "CNT#z", "SK": "META", "tp": "cnt", "dat": {"a": {"b": 1}}, "upd": 7}
    assert table.get("CNT#z", "META") == new


def test_update_remove_of_missing_attribute_is_a_no_op(table: Table) -> None:
    table.put({"PK": "A", "SK": "B", "dat": {"x": 1}})
    assert table.update("A", "B", Update(remove=["dat.y", "nothing"])) == {
        "PK": "A",
        "SK": "B",
        "dat": {"x": 1},
    }


def test_update_with_failing_condition_changes_nothing(table: Table) -> None:
    table.put(STORED)
    with pytest.raises(ConditionFailed):
        table.update(
            "JOB#1",
            "META",
            Update(set={"dat.sts": "DONE"}, add={"n": 1}),
            conditions=[Cond("dat.sts", "eq", "NEW")],
        )
    assert table.get("JOB#1", "META") == STORED
    new = table.update(
        "JOB#1", "META", Update(set={"dat.sts": "DONE"}), conditions=[Cond("dat.sts", "eq", "RUN")]
    )
    assert new["dat"]["sts"] == "DONE"


def test_update_with_item_exists_does_not_create(table: Table) -> None:
    with pytest.raises(ConditionFailed):
        table.update("GONE", "META", Update(set={"dat.x": 1, "y": 2}), conditions=[item_exists()])
    assert table.get("GONE", "META") is None


def test_update_cannot_change_the_key(table: Table) -> None:
    table.put({"PK": "A", "SK": "B"})
    with pytest.raises(ValueError):
        table.update("A", "B", Update(set={"SK": "C"}))
    assert table.get("A", "B") == {"PK": "A", "SK": "B"}


def test_concurrent_adds_are_exact(table: Table) -> None:
    table.put({"PK": "PROB#baekjoon#1000", "SK": "META", "dat": {"exc": 0}})
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            for _ in range(25):
                table.update("PROB#baekjoon#1000", "META", Update(add={"dat.exc": 1, "total": 2}))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    item = table.get("PROB#baekjoon#1000", "META")
    assert item is not None
    assert item["dat"]["exc"] == 200 and item["total"] == 400


# --- delete ------------------------------------------------------------------------------------------------


def test_delete(table: Table) -> None:
    table.put(hist(1))
    table.delete(hist(1)["PK"], "META")
    assert table.get(hist(1)["PK"], "META") is None
    table.delete(hist(1)["PK"], "META")  # deleting what is not there is fine


def test_delete_with_condition(table: Table) -> None:
    table.put(STORED)
    with pytest.raises(ConditionFailed):
        table.delete("JOB#1", "META", conditions=[Cond("dat.sts", "eq", "DONE")])
    assert table.get("JOB#1", "META") == STORED
    table.delete("JOB#1", "META", conditions=[Cond("dat.sts", "eq", "RUN")])
    assert table.get("JOB#1", "META") is None
    with pytest.raises(ConditionFailed):
        table.delete("JOB#1", "META", conditions=[item_exists()])


# --- query -------------------------------------------------------------------------------------------------


def _problem_with_tests(table: Table) -> None:
    items: list[Item] = [{"PK": "PROB#baekjoon#1000", "SK": "META", "tp": "prob"}]
    items += [{"PK": "PROB#baekjoon#1000", "SK": f"TC#{i:03d}", "tp": "tc", "i": i} for i in (5, 1, 12, 3)]
    items += [
        {"PK": "PROB#baekjoon#1001", "SK": "TC#000", "tp": "tc"},
        {"PK": "PROB#baekjoon#100", "SK": "TC#9"},
    ]
    for item in items:
        table.put(item)


def test_query_by_partition_and_prefix_in_sort_key_order(table: Table) -> None:
    _problem_with_tests(table)
    page = table.query("PROB#baekjoon#1000", "TC#")
    assert [i["SK"] for i in page.items] == ["TC#001", "TC#003", "TC#005", "TC#012"]
    assert page.cursor is None
    assert [i["SK"] for i in table.query("PROB#baekjoon#1000").items] == [
        "META",
        "TC#001",
        "TC#003",
        "TC#005",
        "TC#012",
    ]
    assert [i["SK"] for i in table.query("PROB#baekjoon#1000", "TC#00").items] == [
        "TC#001",
        "TC#003",
        "TC#005",
    ]
    assert table.query("PROB#baekjoon#1000", "ZZ").items == []
    assert table.query("PROB#nothing").items == []


def test_query_descending(table: Table) -> None:
    _problem_with_tests(table)
    page = table.query("PROB#baekjoon#1000", "TC#", descending=True)
    assert [i["SK"] for i in page.items] == ["TC#012", "TC#005", "TC#003", "TC#001"]
    first = table.query("PROB#baekjoon#1000", "TC#", descending=True, limit=1)
    assert [i["SK"] for i in first.items] == ["TC#012"]


@pytest.mark.parametrize("limit", [0, -1])
def test_query_refuses_a_page_of_no_items_on_every_store(table: Table, limit: int) -> None:
    _problem_with_tests(table)
    with pytest.raises(ValueError, match=f"limit must be at least 1, not {limit}"):
        table.query("PROB#baekjoon#1000", "TC#", limit=limit)


def _follow(table: Table, pk: str, prefix: str = "", **kwargs: Any) -> tuple[list[Item], int]:
    seen: list[Item] = []
    cursor = None
    pages = 0
    while True:
        page = table.query(pk, prefix, start_after=cursor, **kwargs)
        pages += 1
        assert len(page.items) <= kwargs.get("limit", 10**9)
        seen += page.items
        if page.cursor is None:
            return seen, pages
        cursor = page.cursor
        assert pages < 100, "paging does not end"


@pytest.mark.parametrize("descending", [False, True])
def test_query_pages_with_limit_and_cursor_miss_nothing(table: Table, descending: bool) -> None:
    table.batch_write([{"PK": "USER#u", "SK": f"HIST#{i:05d}", "i": i} for i in range(57)])
    table.put({"PK": "USER#u", "SK": "PROFILE"})  # outside the prefix
    seen, pages = _follow(table, "USER#u", "HIST#", limit=10, descending=descending)
    expected = [f"HIST#{i:05d}" for i in range(57)]
    assert [i["SK"] for i in seen] == (expected[::-1] if descending else expected)
    assert 6 <= pages <= 7  # a store may hand back one last empty page


def test_query_gsi1_lists_only_items_with_the_index_attributes(table: Table) -> None:
    for n in (3, 1, 2):
        table.put(hist(n, g1pk="USER#alice", g1sk=f"HIST#{n:016d}"))
    table.put(hist(4, g1pk="USER#bob", g1sk=f"HIST#{4:016d}"))
    table.put(hist(5))  # no index attributes
    table.put({"PK": "PROBS", "SK": "x", "g1pk": "PROBS", "g1sk": "baekjoon#1000"})
    page = table.query("USER#alice", "HIST#", index="gsi1")
    assert [i["PK"] for i in page.items] == [hist(n)["PK"] for n in (1, 2, 3)]
    assert page.items[0] == hist(1, g1pk="USER#alice", g1sk=f"HIST#{1:016d}")  # whole items (projection ALL)
    desc = table.query("USER#alice", index="gsi1", descending=True)
    assert [i["PK"] for i in desc.items] == [hist(n)["PK"] for n in (3, 2, 1)]
    assert table.query("USER#carol", index="gsi1").items == []


def test_query_index_skips_items_with_only_the_partition_attribute(table: Table) -> None:
    # A sparse GSI only holds items that have both of its key attributes.
    table.put(hist(1, g1pk="USER#alice", g1sk="HIST#1"))
    table.put(hist(2, g1pk="USER#alice"))
    assert [i["PK"] for i in table.query("USER#alice", index="gsi1").items] == [hist(1)["PK"]]


def test_query_gsi2_changed_since(table: Table) -> None:
    for rev in ("0003", "0001", "0002", "0005"):
        table.put({"PK": f"HIST#{rev}", "SK": "META", "g2pk": "CHG#alice", "g2sk": rev})
    table.put({"PK": "HIST#9", "SK": "META", "g2pk": "CHG#bob", "g2sk": "0004"})
    all_revs = [i["g2sk"] for i in table.query("CHG#alice", index="gsi2").items]
    assert all_revs == ["0001", "0002", "0003", "0005"]
    since = [i["g2sk"] for i in table.query("CHG#alice", index="gsi2", sk_after="0002").items]
    assert since == ["0003", "0005"]


def test_query_index_pages_with_cursor(table: Table) -> None:
    table.batch_write([hist(n, g1pk="JOBS#queued", g1sk=f"{n % 7:03d}#{n:04d}") for n in range(23)])
    seen, _ = _follow(table, "JOBS#queued", index="gsi1", limit=4)
    assert [i["g1sk"] for i in seen] == sorted(f"{n % 7:03d}#{n:04d}" for n in range(23))


def test_query_sk_after(table: Table) -> None:
    table.batch_write([{"PK": "P", "SK": sk} for sk in ("A#1", "A#2", "A#3", "B#1", "B#2", "C")])
    sks = lambda **kw: [i["SK"] for i in table.query("P", **kw).items]  # noqa: E731
    assert sks(sk_after="A#2") == ["A#3", "B#1", "B#2", "C"]
    assert sks(sk_prefix="B#", sk_after="A#2") == ["B#1", "B#2"]  # the bound lies before the prefix
    assert sks(sk_prefix="A#", sk_after="A#1") == ["A#2", "A#3"]  # the bound lies inside the prefix
    assert sks(sk_prefix="A#", sk_after="A#3") == []
    assert sks(sk_prefix="A#", sk_after="B") == []  # the bound lies after the prefix
    assert sks(sk_after="A#2", descending=True) == ["C", "B#2", "B#1", "A#3"]
    assert sks(sk_after="A#1", sk_prefix="A#", limit=1) == ["A#2"]


def test_query_sk_after_with_prefix_pages(table: Table) -> None:
    table.batch_write([{"PK": "P", "SK": f"{c}#{i:02d}"} for c in "ABC" for i in range(12)])
    seen, _ = _follow(table, "P", "B#", sk_after="B#03", limit=3)
    assert [i["SK"] for i in seen] == [f"B#{i:02d}" for i in range(4, 12)]


# --- batches -----------------------------------------------------------------------------------------------


def test_batch_write_puts_and_deletes_sixty_items(table: Table) -> None:
    table.batch_write([hist(n) for n in range(60)])
    assert len(list(table.query_all("HIST#0000000000000007"))) == 1
    got = [table.get(hist(n)["PK"], "META") for n in range(60)]
    assert got == [hist(n) for n in range(60)]
    table.batch_write(
        puts=[hist(n, v=2) for n in range(60, 70)], deletes=[(hist(n)["PK"], "META") for n in range(0, 60, 2)]
    )
    for n in range(70):
        expected = None if n < 60 and n % 2 == 0 else hist(n, v=2) if n >= 60 else hist(n)
        assert table.get(hist(n)["PK"], "META") == expected


def test_batch_write_same_key_twice_keeps_the_last(table: Table) -> None:
    table.batch_write(
        [{"PK": "K", "SK": "1", "v": 1}, {"PK": "K", "SK": "2"}, {"PK": "K", "SK": "1", "v": 2}]
    )
    assert table.get("K", "1") == {"PK": "K", "SK": "1", "v": 2}
    table.batch_write(puts=[{"PK": "K", "SK": "3"}], deletes=[("K", "3"), ("K", "2"), ("K", "2")])
    assert [i["SK"] for i in table.query_all("K")] == ["1"]  # a delete wins over a put of the same key


def test_batch_write_nothing(table: Table) -> None:
    table.batch_write()
    table.batch_write([], [])


def test_query_all_follows_pages(table: Table) -> None:
    # 30 items of 60 KB: more than DynamoDB's 1 MB per query response, so several requests.
    blob = bytes(range(256)) * 240
    table.batch_write([{"PK": "BIG", "SK": f"{i:03d}", "blob": blob} for i in range(30)])
    items = list(table.query_all("BIG"))
    assert [i["SK"] for i in items] == [f"{i:03d}" for i in range(30)]
    assert all(i["blob"] == blob for i in items)
    assert [i["SK"] for i in table.query_all("BIG", descending=True)][:2] == ["029", "028"]
    assert len(table.query("BIG").items) == 30  # no limit: the whole result, however many requests it takes


@pytest.mark.parametrize("descending", [False, True])
def test_read_fields_gives_what_query_all_holds(table: Table, descending: bool) -> None:
    """The fields the repositories read in bulk: the SQLite table's SQL fast path and the generic path (query every
    item, pick the paths) give the same values, including lists, maps, booleans, bytes and missing paths."""
    from algoitny_tui.storage.table import FieldReader, get_path, read_fields

    for n in range(5):
        table.put(
            {
                "PK": f"PROB#p#{n}",
                "SK": "META",
                "g1pk": "PROBS",
                "g1sk": f"p#{n}",
                "tp": "prob",
                "dat": {
                    "ttl": f"title {n}",
                    "tgs": ["dp", f"t{n}"] if n % 2 else [],
                    "ok": n % 2 == 0,
                    "lim": {"tlm": 1000 + n},
                    "raw": b"\x00\xff",
                    "dif": n * 1.5,
                },
            }
        )
    table.put({"PK": "PROB#q#1", "SK": "META", "g1pk": "OTHER", "g1sk": "q#1", "dat": {"ttl": "elsewhere"}})
    paths = ("PK", "dat.ttl", "dat.tgs", "dat.ok", "dat.lim", "dat.raw", "dat.dif", "dat.missing", "crt")
    got = read_fields(table, "PROBS", "p#", paths, index="gsi1", descending=descending)
    wanted = [
        tuple(get_path(item, p) for p in paths)
        for item in table.query_all("PROBS", "p#", index="gsi1", descending=descending)
    ]
    assert got == wanted and len(got) == 5
    assert got[0 if not descending else -1] == (
        "PROB#p#0",
        "title 0",
        [],
        True,
        {"tlm": 1000},
        b"\x00\xff",
        0.0,
        None,
        None,
    )
    if isinstance(table, FieldReader):  # the fast path itself, not the generic one twice
        assert table.read_fields("PROBS", "p#", paths, index="gsi1", descending=descending) == wanted
    assert read_fields(table, "PROB#p#1", "", ("dat.ttl",)) == [("title 1",)]
