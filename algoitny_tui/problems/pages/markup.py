"""HTML to Markdown-ish text, for statements taken from saved problem pages.

Simple on purpose: paragraphs, line breaks, lists, emphasis, code, images, tables and math. Math is the one thing
that needs care: a saved page holds both MathJax/KaTeX's rendered spans (unreadable as text) and the TeX source
(``<script type="math/tex">``, KaTeX's ``annotation``, AtCoder's ``<var>``, Codeforces' ``$$$x$$$``); we keep the
source as ``$x$``.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, PageElement

_BLOCKS = {"p", "div", "section", "blockquote", "center", "article", "figure", "details", "summary"}
_DROP = {
    "script",
    "style",
    "noscript",
    "button",
    "form",
    "input",
    "select",
    "textarea",
    "iframe",
    "svg",
    "math",
}
_RENDERED_MATH_CLASSES = {
    "MathJax",
    "MathJax_Preview",
    "MathJax_Display",
    "MathJax_SVG",
    "MathJax_CHTML",
    "katex-html",
}


def html_to_markdown(element: Tag | None) -> str:
    if element is None:
        return ""
    text = "".join(_render(child) for child in element.children).replace("\u00a0", " ")
    # Tidy the spaces HTML source layout leaves around line breaks, but never inside ``` code blocks.
    parts = text.split("```")
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"[ \t]*\n[ \t]*", "\n", parts[i])
        parts[i] = re.sub(r"\n{3,}", "\n\n", parts[i])
    return "```".join(parts).strip()


def pre_text(pre: Tag) -> str:
    """The text of a sample's ``pre``: one line per ``test-example-line`` div or ``<br>``, CRLF made LF.

    Pages wrap samples with trailing spaces and blank edges that are not part of the data; they are trimmed, and
    the text ends with exactly one newline, as test files do.
    """
    lines_divs = pre.find_all("div", class_="test-example-line")
    if lines_divs:
        raw = "\n".join(div.get_text() for div in lines_divs)
    else:
        parts: list[str] = []
        for node in pre.descendants:
            if isinstance(node, NavigableString) and not isinstance(node, Comment):
                parts.append(str(node))
            elif isinstance(node, Tag) and node.name == "br":
                parts.append("\n")
        raw = "".join(parts)
    lines = [line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def _math_source(tag: Tag) -> str | None:
    """``$tex$`` for an element that carries math source, None for other elements."""
    if tag.name == "script" and str(tag.get("type", "")).startswith("math/tex"):
        tex = tag.get_text().strip()
        return f"$${tex}$$" if "mode=display" in str(tag.get("type")) else f"${tex}$"
    classes = set(tag.get("class") or [])
    if "katex" in classes:
        annotation = tag.find("annotation", attrs={"encoding": "application/x-tex"})
        if annotation is not None:
            return f"${annotation.get_text().strip()}$"
    if tag.name == "var":
        return f"${tag.get_text().strip()}$"
    return None


def _render(node: PageElement) -> str:
    if isinstance(node, Comment):
        return ""
    if isinstance(node, NavigableString):
        text = re.sub(r"\s+", " ", str(node))
        return re.sub(r"\${3}(.+?)\${3}", r"$\1$", text)  # Codeforces writes math as $$$x$$$
    if not isinstance(node, Tag):
        return ""
    math = _math_source(node)
    if math is not None:
        return math
    classes = set(node.get("class") or [])
    if node.name in _DROP or classes & _RENDERED_MATH_CLASSES or node.name.startswith("mjx-"):
        return ""
    inner = "".join(_render(child) for child in node.children)
    name = node.name
    if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return f"\n\n{'#' * int(name[1])} {inner.strip()}\n\n"
    if name in _BLOCKS:
        return f"\n\n{inner.strip()}\n\n"
    if name == "br":
        return "\n"
    if name == "pre":
        return f"\n\n```\n{pre_text(node)}```\n\n"
    if name in ("strong", "b"):
        return f"**{inner.strip()}**" if inner.strip() else ""
    if name in ("em", "i"):
        return f"*{inner.strip()}*" if inner.strip() else ""
    if name in ("code", "tt", "kbd"):
        return f"`{inner.strip()}`"
    if name == "sup":
        return f"^{inner.strip()}"
    if name == "sub":
        return f"_{inner.strip()}"
    if name == "img":
        return f"![{node.get('alt', '')}]({node.get('src', '')})"
    if name in ("ul", "ol"):
        items = [child for child in node.find_all("li", recursive=False)]
        lines = []
        for index, item in enumerate(items, start=1):
            marker = f"{index}." if name == "ol" else "-"
            body = "".join(_render(c) for c in item.children).strip()
            lines.append(f"{marker} " + re.sub(r"\n+", "\n  ", body))
        return "\n\n" + "\n".join(lines) + "\n\n"
    if name == "table":
        rows = []
        for row in node.find_all("tr"):
            cells = [
                " ".join(_render(c).strip() for c in cell.children).strip()
                for cell in row.find_all(["td", "th"])
            ]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n\n" + "\n".join(rows) + "\n\n"
    return inner


def parse_html(text: str) -> BeautifulSoup:
    """The page, parsed with the standard library's parser (no lxml needed)."""
    return BeautifulSoup(text, "html.parser")
