"""Code templates: files in the config folder's templates/ (`cpp.cpp`, and more per language as
`cpp.<name>.cpp`), with placeholders {{problem_id}}, {{title}} and {{date}}. The built-in templates are written
there on first use, so they can be edited; a language without a file gets its built-in one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from algoitny_tui.atomic_write import write_atomic
from algoitny_tui.languages import BUILTIN, Language

PLACEHOLDERS = ("problem_id", "title", "date")
VARIANT_SEPARATOR = ":"
"""In the language selector's values: `cpp` is C++'s default template, `cpp:fastio` the file cpp.fastio.cpp."""


@dataclass(frozen=True)
class Template:
    language: str
    variant: str
    """"" for the language's default (`cpp.cpp`), else the middle of `cpp.<variant>.cpp`."""
    path: Path | None
    builtin_text: str = ""
    """The language table's template: the text when there is no file (or it cannot be read)."""

    @property
    def value(self) -> str:
        return f"{self.language}{VARIANT_SEPARATOR}{self.variant}" if self.variant else self.language

    def text(self) -> str:
        if self.path is not None:
            try:
                return self.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                pass
        return self.builtin_text


def ensure_builtin_templates(folder: Path) -> None:
    """Write the built-in templates into `folder` the first time (never over a file the user has)."""
    if folder.exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    for lang in BUILTIN.values():
        write_atomic(folder / f"{lang.name}{lang.file_extension}", lang.template)


def list_templates(folder: Path, languages: Mapping[str, Language] = BUILTIN) -> dict[str, list[Template]]:
    """Templates by language name (every language of the table, the user's too), the default first, then the
    others by name."""
    found: dict[str, list[Template]] = {}
    for lang in languages.values():
        extension = lang.file_extension
        default = folder / f"{lang.name}{extension}"
        templates = [Template(lang.name, "", default if default.is_file() else None, lang.template)]
        if folder.is_dir():
            prefix = f"{lang.name}."
            for path in sorted(folder.iterdir()):
                name = path.name
                if (
                    path.is_file()
                    and name.startswith(prefix)
                    and name.endswith(extension)
                    and len(name) > len(prefix) + len(extension)
                ):
                    variant = name[len(prefix) : -len(extension)]
                    if variant and "." not in variant:
                        templates.append(Template(lang.name, variant, path, lang.template))
        found[lang.name] = templates
    return found


def split_value(value: str) -> tuple[str, str]:
    """A selector value as (language name, template variant)."""
    name, _, variant = value.partition(VARIANT_SEPARATOR)
    return name, variant


def fill(text: str, *, problem_id: str, title: str, today: dt.date | None = None) -> str:
    values = {"problem_id": problem_id, "title": title, "date": (today or dt.date.today()).isoformat()}
    for name in PLACEHOLDERS:
        text = text.replace("{{" + name + "}}", values[name])
    return text
