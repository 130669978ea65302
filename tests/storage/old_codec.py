"""Items written by the codec before issue 15 (text of 1 KB or more zlib-compressed, the verdict in trs[].sts), kept as
a fixture (`fixtures/old_codec_items.json`, made by `fixtures/make_old_codec_items.py` at that commit)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from algoitny_tui.storage.sqlite_table import decode_body

FIXTURE = Path(__file__).parent / "fixtures" / "old_codec_items.json"


def old_items() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The stored items (binary values as bytes) and what they hold, with long names as the old models had them."""
    doc = json.loads(FIXTURE.read_text())
    return [decode_body(json.dumps(i)) for i in doc["items"]], doc["expected"]
