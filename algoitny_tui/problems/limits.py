"""How much an importer reads from a source it did not write (the README's "Limits on imported problems" table).

Generous enough for real contest data (ICPC packages hold single tests of hundreds of MB), small enough that a
hostile or mistaken source fails with a message instead of filling memory.
"""

from __future__ import annotations

MIB = 1024 * 1024

MAX_TEST_FILE_BYTES = 1024 * MIB
"""One test input or answer file."""
MAX_PACKAGE_BYTES = 4096 * MIB
"""All the test files of one problem together."""
MAX_TEST_FOLDERS = 10_000
"""Folders walked for the tests of one problem (ICPC packages have dozens of groups)."""
MAX_META_BYTES = 4 * MIB
"""problem.yaml, problem.xml, testdata.yaml, .timelimit, statements, validator sources."""
MAX_JSON_BYTES = 64 * MIB
"""A competitive-companion .json/.prob file (a whole contest fits easily)."""
MAX_JSON_DEPTH = 64
"""Nesting of JSON arrays and objects (companion data is three levels deep)."""
MAX_YAML_DEPTH = 64
"""Nesting of YAML collections; YAML aliases (``*name``) are refused outright (they can expand exponentially)."""
MAX_PAGE_BYTES = 4 * MIB
"""A saved .html page (a real problem page is well under 1 MB)."""
MAX_PAGE_ELEMENTS = 50_000
"""HTML elements in a saved page (a real one has a few thousand, MathJax's rendered spans included)."""
MAX_PAGE_DEPTH = 256
"""Nesting of HTML elements in a saved page (a real one nests a few dozen deep)."""
MAX_LISTENER_BODY_BYTES = 16 * MIB
"""One POST to the competitive-companion listener."""


def human_size(size: int) -> str:
    """``1024 MB``, ``4 MB``, ``512 KB``: how the limits are written in messages and the README."""
    if size >= MIB:
        return f"{size / MIB:g} MB"
    return f"{size / 1024:g} KB"
