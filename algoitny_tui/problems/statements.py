"""Problem statements of a Kattis package: Markdown as it is, LaTeX with the most common macros turned to Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .files import read_text

_STATEMENT_DIRS = ("statement", "problem_statement")
_FILE = re.compile(r"^problem(?:\.(?P<lang>[A-Za-z-]+))?\.(?P<ext>md|tex)$")


@dataclass
class Statement:
    """One language of a statement, split into the parts the app shows apart."""

    language: str
    title: str = ""
    body: str = ""
    input_format: str = ""
    output_format: str = ""


def read_statements(root: Path) -> dict[str, Statement]:
    """Statements by language code (``en`` when the file names none); Markdown wins over LaTeX for one language."""
    found: dict[str, Statement] = {}
    for folder_name in _STATEMENT_DIRS:
        folder = root / folder_name
        if not folder.is_dir():
            continue
        # Markdown files first so they win over a .tex of the same language.
        for path in sorted(folder.iterdir(), key=lambda p: (p.suffix != ".md", p.name)):
            match = _FILE.match(path.name)
            if match is None or not path.is_file():
                continue
            language = (match.group("lang") or "en").lower()
            if language in found:
                continue
            text = read_text(path, root)
            markdown = text if match.group("ext") == "md" else tex_to_markdown(text)
            found[language] = split_sections(
                language, markdown, tex_title(text) if match.group("ext") == "tex" else ""
            )
    return found


def split_sections(language: str, markdown: str, title: str = "") -> Statement:
    """Take a leading ``# Title`` and the ``Input`` / ``Output`` sections out of the body."""
    lines = markdown.strip("\n").splitlines()
    if lines and lines[0].startswith("# "):
        title = title or lines[0][2:].strip()
        lines = lines[1:]
    sections: dict[str, list[str]] = {"body": []}
    current = "body"
    for line in lines:
        heading = re.match(r"^#{1,3}\s+(.*?)\s*$", line)
        if heading:
            name = heading.group(1).strip().lower()
            if name in ("input", "입력"):
                current = "input"
                continue
            if name in ("output", "출력"):
                current = "output"
                continue
            if current != "body":
                current = "body"
        sections.setdefault(current, []).append(line)
    return Statement(
        language=language,
        title=title,
        body="\n".join(sections["body"]).strip(),
        input_format="\n".join(sections.get("input", [])).strip(),
        output_format="\n".join(sections.get("output", [])).strip(),
    )


def tex_title(tex: str) -> str:
    match = re.search(r"\\problemname\{([^}]*)\}", tex)
    return match.group(1).strip() if match else ""


# (pattern, replacement) pairs, applied in order; enough for the statements problem setters usually write.
_TEX_RULES: list[tuple[str, str]] = [
    (r"(?<!\\)%.*", ""),  # comments
    (r"\\problemname\{[^}]*\}", ""),
    (r"\\illustration\{[^}]*\}\{[^}]*\}\{[^}]*\}", ""),
    (r"\\(?:sub)?section\*?\{([^}]*)\}", r"\n## \1\n"),
    (r"\\subsubsection\*?\{([^}]*)\}", r"\n### \1\n"),
    (r"\\textbf\{([^}]*)\}", r"**\1**"),
    (r"\\(?:emph|textit)\{([^}]*)\}", r"*\1*"),
    (r"\\texttt\{([^}]*)\}", r"`\1`"),
    (r"\\url\{([^}]*)\}", r"<\1>"),
    (r"\\href\{([^}]*)\}\{([^}]*)\}", r"[\2](\1)"),
    (r"\\begin\{(?:itemize|enumerate|center)\}|\\end\{(?:itemize|enumerate|center)\}", ""),
    (r"\\item\s*", "- "),
    (r"\\(?:l|)dots\b", "..."),
    (r"\\\\", "\n"),
    (r"(?<!\\)~", " "),
]


def tex_to_markdown(tex: str) -> str:
    """Raw LaTeX with the common macros replaced; math (``$...$``) is left for a Markdown viewer to show."""
    text = tex
    for pattern, replacement in _TEX_RULES:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
