"""The short-field codec of the original backend: models with long names <-> stored items with short names.

An item is the seed's envelope: `PK`, `SK`, `tp`, `dat` (the fields, under short names), `crt`, `upd` (seconds).
Each model type has one mapping table below; the README documents every one of them. The seed fixed the names of
SearchHistory and its test results; the other tables follow the same style (three or four letters).

Values keep the seed's types: text is stored as a string, as the original backend reads it. Only an item that would
otherwise exceed DynamoDB's item limit has its largest text fields zlib-compressed (`storage/compression.py`), listed
in the item's `dat.zfl`; a value too large even then is split into chunk items by `storage/chunks.py`. Reading
accepts both that form and the previous codec's, which compressed any text of 1 KB or more without a marker.
Short keys this version does not know survive a round trip through `unknown_fields`.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import types
import typing
import zlib
from collections.abc import Mapping
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from algoitny_tui.domain import CheckerSpec, InvalidField, Limits, Problem, Scoring, TestCase, TestGroup
from algoitny_tui.mismatch import Mismatch
from algoitny_tui.models import Job, JobProgress, SearchHistory, TestResult, UserStats

M = TypeVar("M")

# --- mapping tables: long name -> short name ------------------------------------------------------------------

HISTORY_FIELDS: dict[str, str] = {
    # the seed's names
    "user_id": "uid",
    "user_identifier": "uidt",
    "problem_id": "pid",
    "platform": "plt",
    "problem_number": "pno",
    "problem_title": "ptt",
    "language": "lng",
    "code": "cod",
    "result_summary": "res",
    "passed_count": "psc",
    "failed_count": "fsc",
    "total_count": "toc",
    "is_code_public": "pub",
    "test_results": "trs",
    "hints": "hnt",
    # ours, same style
    "hint_engines": "hne",
    "hint_note": "hnn",
    "verdict": "vrd",
    "compile_message": "cmp",
    "score": "scr",
    "job_id": "jid",
}

TEST_RESULT_FIELDS: dict[str, str] = {
    "test_case_id": "tid",
    "output": "out",
    "passed": "pas",
    "error": "err",
    "status": "sts",
    "verdict": "vrd",
    "time_ms": "tms",
    "memory_kb": "mem",
    "message": "msg",
    "output_truncated": "otr",
    "mismatch": "mis",
}

MISMATCH_FIELDS: dict[str, str] = {
    "kind": "knd",
    "line": "lin",
    "column": "col",
    "got": "got",
    "wanted": "wnt",
    "got_tokens": "gtk",
    "wanted_tokens": "wtk",
}

LIMITS_FIELDS: dict[str, str] = {
    "time_limit_ms": "tlm",
    "memory_limit_mb": "mlm",
    "output_limit_kb": "olm",
    "compile_time_ms": "ctm",
    "compile_memory_mb": "cmm",
    "validation_time_ms": "vtm",
    "validation_memory_mb": "vmm",
    "validation_output_kb": "vol",
    "validation_passes": "vps",
}

TEST_GROUP_FIELDS: dict[str, str] = {
    "name": "nam",
    "max_score": "max",
    "aggregation": "agg",
    "require_pass": "req",
    "accept_score": "acs",
}

SCORING_FIELDS: dict[str, str] = {"groups": "grp", "custom_score": "cus"}

CHECKER_FIELDS: dict[str, str] = {
    "kind": "knd",
    "case_sensitive": "cse",
    "space_change_sensitive": "spc",
    "float_absolute_tolerance": "fab",
    "float_relative_tolerance": "frl",
    "program_language": "plg",
    "program_entry": "ent",
    "program_files": "fil",
    "arguments": "arg",
    "multi_pass": "mps",
}

PROBLEM_FIELDS: dict[str, str] = {
    "platform": "plt",
    "problem_number": "pno",
    "title": "ttl",
    "statement": "stm",
    "statement_ko": "stk",
    "input_format": "inf",
    "output_format": "otf",
    "limits": "lim",
    "checker": "chk",
    "scoring": "scg",
    "tags": "tgs",
    "difficulty": "dif",
    "source_url": "url",
    "reference_solution": "sol",
    "reference_language": "sln",
    "legacy_id": "lid",
    "test_case_count": "tcc",
    "execution_count": "exc",
    "pack_version": "pkv",
    "input_file": "ifl",
    "output_file": "ofl",
    "input_on_stdin": "isd",
}

TEST_CASE_FIELDS: dict[str, str] = {
    "test_case_id": "tid",
    "input": "inp",
    "expected_output": "exp",
    "is_sample": "smp",
    "order": "ord",
    "source": "src",
}

JOB_FIELDS: dict[str, str] = {
    "kind": "knd",
    "status": "sts",
    "params": "prm",
    "result": "rsl",
    "error": "err",
    "worker_id": "wid",
    "attempts": "att",
    "progress_percent": "pct",
    "user_identifier": "uidt",
    "heartbeat_at": "hbt",
    "progress_count": "pgc",
}

JOB_PROGRESS_FIELDS: dict[str, str] = {
    "seq": "seq",
    "step": "stp",
    "message": "msg",
    "percent": "pct",
    "detail": "dtl",
}

USER_STATS_FIELDS: dict[str, str] = {
    "user_identifier": "uidt",
    "solved": "slv",
    "attempts": "att",
    "acceptance_rate": "acr",
    "by_language": "byl",
    "by_tag": "byt",
    "tried": "trd",
    "verdicts_by_tag": "vbt",
    "per_day": "pdy",
    "streak_days": "stk",
    "longest_streak": "lgs",
    "back_to_it": "bti",
    "computed_at": "cpt",
}

FIELD_TABLES: dict[type[Any], dict[str, str]] = {
    SearchHistory: HISTORY_FIELDS,
    TestResult: TEST_RESULT_FIELDS,
    Mismatch: MISMATCH_FIELDS,
    Limits: LIMITS_FIELDS,
    TestGroup: TEST_GROUP_FIELDS,
    Scoring: SCORING_FIELDS,
    CheckerSpec: CHECKER_FIELDS,
    Problem: PROBLEM_FIELDS,
    TestCase: TEST_CASE_FIELDS,
    Job: JOB_FIELDS,
    JobProgress: JOB_PROGRESS_FIELDS,
    UserStats: USER_STATS_FIELDS,
}

_RECORDS = frozenset(
    cls
    for cls in FIELD_TABLES
    if dataclasses.is_dataclass(cls) and "unknown_fields" not in {f.name for f in dataclasses.fields(cls)}
)
"""The stored types that keep no unknown keys (see `_is_record`)."""

# Text fields that may be stored zlib-compressed (short names, any table): only in an item that would otherwise be
# too large, and then listed in `dat.zfl`. Items of the previous codec have them compressed with no list.
COMPRESSIBLE = frozenset({"cod", "out", "inp", "exp", "sol", "stm", "stk", "err"})
COMPRESSED_FIELDS = "zfl"
"""Key in `dat` of the list of compressed fields' paths (`cod`, `trs.3.out`); absent when nothing is compressed."""

# Item types (`tp`) and their key layouts.
TYPE_HISTORY = "hist"
TYPE_PROBLEM = "prob"
TYPE_TEST_CASE = "tc"
TYPE_JOB = "job"
TYPE_JOB_PROGRESS = "jprog"
TYPE_USER_STATS = "stat"
TYPE_LEGACY = "lgc"
TYPE_PACK = "pack"


class DecodeError(ValueError):
    """A stored item does not decode: names the item and the field."""

    def __init__(self, item: Mapping[str, Any], detail: str) -> None:
        self.item_key = f"{item.get('PK')!s}/{item.get('SK')!s}"
        super().__init__(f"item {self.item_key} (tp={item.get('tp')!s}) does not decode: {detail}")


# --- keys ---------------------------------------------------------------------------------------------------------


def history_key(history_id: int) -> tuple[str, str]:
    return f"HIST#{history_id}", "META"


def problem_pk(platform: str, number: str) -> str:
    return f"PROB#{platform}#{number}"


def problem_key(platform: str, number: str) -> tuple[str, str]:
    return problem_pk(platform, number), "META"


def test_case_sk(order: int) -> str:
    return f"TC#{order:06d}"


def job_key(job_id: str) -> tuple[str, str]:
    return f"JOB#{job_id}", "META"


def job_progress_sk(seq: int) -> str:
    return f"PROG#{seq:06d}"


def user_stats_key(user_identifier: str) -> tuple[str, str]:
    return f"USER#{user_identifier}", "STATS"


def pack_key(pack: str) -> tuple[str, str]:
    return f"PACK#{pack}", "META"


def legacy_key(legacy_id: int) -> tuple[str, str]:
    return f"LEGACY#{legacy_id}", "META"


class _FieldError(ValueError):
    """A field that does not validate, with its short path inside `dat`."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"field dat.{path}: {message}")
        self.path = path
        self.message = message


# --- text compression -----------------------------------------------------------------------------------------


def compress_text(text: str) -> bytes:
    """The stored form of a compressed text field: zlib (level 6) of its UTF-8."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 6)


def decompress_text(value: bytes | bytearray) -> str:
    return zlib.decompress(bytes(value)).decode("utf-8", "surrogatepass")


def expand_texts(dat: Mapping[str, Any]) -> dict[str, Any]:
    """`dat` with every compressed text field as its string again and no `zfl` list: the seed's value types.

    A text field holding bytes is compressed whether or not `zfl` lists it (the previous codec wrote no list), so
    both forms read the same way. Raises ValueError naming the field when compressed text is damaged.
    """
    return {key: _expand(key, value, key) for key, value in dat.items() if key != COMPRESSED_FIELDS}


def _expand(key: str, value: Any, path: str) -> Any:
    if isinstance(value, bytes | bytearray) and key in COMPRESSIBLE:
        try:
            return decompress_text(value)
        except (zlib.error, UnicodeDecodeError) as exc:
            raise _FieldError(path, f"compressed text is damaged ({exc})") from None
    if isinstance(value, Mapping):
        return {k: _expand(k, v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(key, v, f"{path}.{i}") if isinstance(v, Mapping) else v for i, v in enumerate(value)]
    return value


# --- generic model <-> dat ---------------------------------------------------------------------------------------


def _model_type(annotation: Any) -> type[Any] | None:
    """The stored type inside an annotation like `Limits`, `Limits | None` (a Model, a domain dataclass, or a
    record: Mismatch)."""
    if isinstance(annotation, type) and annotation in FIELD_TABLES:
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        for arg in typing.get_args(annotation):
            found = _model_type(arg)
            if found:
                return found
    return None


def _is_record(cls: type[Any]) -> bool:
    """A light dataclass stored under short names with no `unknown_fields` (Mismatch): its fields that are None are
    left out, and short keys it does not know are dropped."""
    return cls in _RECORDS


def _is_stored(cls: type[Any]) -> bool:
    """A stored model or domain dataclass: every field written, unknown short keys kept in `unknown_fields`."""
    return cls in FIELD_TABLES and cls not in _RECORDS


@cache
def _field_types(cls: type[Any]) -> dict[str, Any]:
    """Long field name -> annotation, of a pydantic model or a stdlib dataclass."""
    if issubclass(cls, BaseModel):
        return {name: info.annotation for name, info in cls.model_fields.items()}
    return typing.get_type_hints(cls)


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}
"""pydantic's validator of each domain dataclass, built once (building one costs milliseconds)."""


def _validate(cls: type, values: dict[str, Any]) -> Any:
    if issubclass(cls, BaseModel):
        return cls.model_validate(values)
    adapter = _ADAPTERS.get(cls) or _ADAPTERS.setdefault(cls, TypeAdapter(cls))
    return adapter.validate_python(values)


def _list_model_type(annotation: Any) -> type[Any] | None:
    """The Model class of `list[Model]` or `list[Model] | None`."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        for arg in typing.get_args(annotation):
            found = _list_model_type(arg)
            if found:
                return found
        return None
    if typing.get_origin(annotation) is list:
        (arg,) = typing.get_args(annotation) or (None,)
        return _model_type(arg)
    return None


def to_short(model: Any, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """A model's fields under short names (nested models too), plus the unknown short keys it carried."""
    table = FIELD_TABLES[type(model)]
    out: dict[str, Any] = dict(model.unknown_fields)
    for long_name, short in table.items():
        if long_name in skip:
            continue
        value = getattr(model, long_name)
        out[short] = _encode_value(value)
    return out


def _encode_value(value: Any) -> Any:
    if _is_stored(type(value)):
        return to_short(value)
    if _is_record(type(value)):  # a field it does not know (None) is left out
        return {
            short: v
            for long_name, short in FIELD_TABLES[type(value)].items()
            if (v := getattr(value, long_name)) is not None
        }
    if isinstance(value, list) and value and _is_stored(type(value[0])):
        return [to_short(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):  # pragma: no cover - every stored model derives from Model
        return value.model_dump(mode="json")
    return value


def from_short(cls: type[M], dat: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> M:
    """Build a model from short-named fields; unknown short keys go to `unknown_fields`."""
    table = FIELD_TABLES[cls]
    reverse = {short: long for long, short in table.items()}
    values: dict[str, Any] = dict(extra or {})
    unknown: dict[str, Any] = {}
    for short, value in dat.items():
        long_name = reverse.get(short)
        if long_name is None:
            unknown[short] = value
            continue
        annotation = _field_types(typing.cast(type, cls))[long_name]
        nested = _model_type(annotation)
        nested_list = _list_model_type(annotation)
        try:
            if nested is not None and _is_record(nested) and isinstance(value, Mapping):
                # long names; the model's validation builds the dataclass and names a bad field
                nested_reverse = {s: long for long, s in FIELD_TABLES[nested].items()}
                values[long_name] = {nested_reverse[k]: v for k, v in value.items() if k in nested_reverse}
            elif nested is not None and isinstance(value, Mapping):
                values[long_name] = from_short(nested, value)
            elif nested_list is not None and isinstance(value, list):
                values[long_name] = [_nested(nested_list, v, i) for i, v in enumerate(value)]
            else:
                values[long_name] = value
        except _FieldError as exc:
            raise _FieldError(f"{short}.{exc.path}", exc.message) from None
    try:
        model: M = _validate(typing.cast(type, cls), values)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [str(p) for p in first["loc"]]
        got = first.get("input")
        cause = first.get("ctx", {}).get("error")
        if not loc and isinstance(
            cause, InvalidField
        ):  # a check across a dataclass's fields: it names the field
            loc, got = [cause.field_name], values.get(cause.field_name)
        short = table.get(loc[0], loc[0]) if loc else ""
        raise _FieldError(".".join([short, *loc[1:]]), f"{first['msg']} (got {got!r:.60})") from None
    model.unknown_fields = unknown  # type: ignore[attr-defined]
    return model


def _nested(cls: type[M], value: Any, index: int) -> M:
    if not isinstance(value, Mapping):
        raise _FieldError(str(index), f"expected a map, got {type(value).__name__}")
    try:
        return from_short(cls, value)
    except _FieldError as exc:
        raise _FieldError(f"{index}.{exc.path}", exc.message) from None


# --- items ----------------------------------------------------------------------------------------------------


def _envelope(pk: str, sk: str, tp: str, dat: dict[str, Any], crt: int, upd: int) -> dict[str, Any]:
    return {"PK": pk, "SK": sk, "tp": tp, "dat": dat, "crt": crt, "upd": upd}


def _decode(cls: type[M], item: Mapping[str, Any], expected_tp: str, extra: Mapping[str, Any]) -> M:
    if item.get("tp") != expected_tp:
        raise DecodeError(item, f"field tp is {item.get('tp')!r}, expected {expected_tp!r}")
    dat = item.get("dat")
    if not isinstance(dat, Mapping):
        raise DecodeError(item, f"field dat is {type(dat).__name__}, expected a map")
    try:
        return from_short(cls, expand_texts(dat), extra)
    except _FieldError as exc:
        raise DecodeError(item, str(exc)) from None


def history_to_item(history: SearchHistory) -> dict[str, Any]:
    pk, sk = history_key(history.id)
    item = _envelope(pk, sk, TYPE_HISTORY, to_short(history), history.created_at, history.updated_at)
    if history.user_identifier:
        item["g1pk"] = f"USER#{history.user_identifier}"
        item["g1sk"] = f"HIST#{history.id:016d}"
    return item


def history_user_of(item: Mapping[str, Any]) -> str | None:
    """The user identifier of a stored history item, read without decoding it; None for any other item."""
    dat = item.get("dat")
    if item.get("tp") != TYPE_HISTORY or not isinstance(dat, Mapping):
        return None
    user = dat.get(HISTORY_FIELDS["user_identifier"])
    return str(user) if user else None


def item_to_history(item: Mapping[str, Any]) -> SearchHistory:
    pk = str(item.get("PK", ""))
    if not pk.startswith("HIST#") or not pk[5:].isdigit():
        raise DecodeError(item, "field PK is not HIST#<integer id>")
    return _decode(
        SearchHistory,
        item,
        TYPE_HISTORY,
        {"id": int(pk[5:]), "created_at": item.get("crt", 0), "updated_at": item.get("upd", 0)},
    )


def problem_to_item(problem: Problem) -> dict[str, Any]:
    pk, sk = problem_key(problem.platform, problem.problem_number)
    item = _envelope(pk, sk, TYPE_PROBLEM, to_short(problem), problem.created_at, problem.updated_at)
    item["g1pk"] = "PROBS"
    item["g1sk"] = f"{problem.platform}#{problem.problem_number}"
    return item


def item_to_problem(item: Mapping[str, Any]) -> Problem:
    return _decode(
        Problem, item, TYPE_PROBLEM, {"created_at": item.get("crt", 0), "updated_at": item.get("upd", 0)}
    )


def test_case_to_item(platform: str, number: str, case: TestCase, now: int) -> dict[str, Any]:
    return _envelope(
        problem_pk(platform, number), test_case_sk(case.order), TYPE_TEST_CASE, to_short(case), now, now
    )


def item_to_test_case(item: Mapping[str, Any]) -> TestCase:
    return _decode(TestCase, item, TYPE_TEST_CASE, {})


def job_to_item(job: Job) -> dict[str, Any]:
    pk, sk = job_key(job.id)
    item = _envelope(pk, sk, TYPE_JOB, to_short(job), job.created_at, job.updated_at)
    item["g1pk"] = f"JOBS#{job.status.value}"
    item["g1sk"] = f"{job.heartbeat_at:012d}#{job.id}"
    return item


def item_to_job(item: Mapping[str, Any]) -> Job:
    pk = str(item.get("PK", ""))
    return _decode(
        Job,
        item,
        TYPE_JOB,
        {"id": pk.removeprefix("JOB#"), "created_at": item.get("crt", 0), "updated_at": item.get("upd", 0)},
    )


def job_progress_to_item(progress: JobProgress) -> dict[str, Any]:
    pk, _ = job_key(progress.job_id)
    dat = to_short(progress)
    return _envelope(
        pk, job_progress_sk(progress.seq), TYPE_JOB_PROGRESS, dat, progress.created_at, progress.created_at
    )


def item_to_job_progress(item: Mapping[str, Any]) -> JobProgress:
    pk = str(item.get("PK", ""))
    return _decode(
        JobProgress,
        item,
        TYPE_JOB_PROGRESS,
        {"job_id": pk.removeprefix("JOB#"), "created_at": item.get("crt", 0)},
    )


def user_stats_to_item(stats: UserStats) -> dict[str, Any]:
    pk, sk = user_stats_key(stats.user_identifier)
    return _envelope(pk, sk, TYPE_USER_STATS, to_short(stats), stats.computed_at, stats.computed_at)


def item_to_user_stats(item: Mapping[str, Any]) -> UserStats:
    return _decode(UserStats, item, TYPE_USER_STATS, {})


def decode_solution(encoded: str | None) -> str | None:
    """Reference solutions are stored base64-encoded, as the seed stores solution codes."""
    if not encoded:
        return None
    try:
        return base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return encoded  # stored as plain text by an older writer
