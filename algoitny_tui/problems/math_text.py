"""Statement math as readable Unicode for the terminal: `$2 \\cdot 10^{18}$` becomes `2 · 10¹⁸`.

pylatexenc's latex2text does the LaTeX (symbols, fractions, `\\text`, fonts, spacing); unicodeit turns the
superscripts and subscripts it can into Unicode ones first (`10^{18}` → `10¹⁸`, `a_{i+1}` → `aᵢ₊₁`), since
latex2text leaves them as `^18`. Math that either cannot render (a command left over, a parse error) is shown as
its source, as before. Code spans and fences are never touched. The stored statement stays LaTeX: this is how it is
shown, not what is kept.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# $$…$$, \[…\], $…$, \(…\): display math first so `$$` is not read as an empty `$…$`.
_MATH = re.compile(
    r"\$\$(?P<d1>.+?)\$\$|\\\[(?P<d2>.+?)\\\]|(?<![\\$])\$(?P<i1>[^$\n]+?)(?<!\\)\$|\\\((?P<i2>.+?)\\\)",
    re.DOTALL,
)
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.DOTALL)
_SCRIPT = re.compile(r"([\^_])(\{([^{}]*)\}|\\?[A-Za-z0-9]+?\b|[A-Za-z0-9])")
_LEFTOVER_COMMAND = re.compile(r"\\[A-Za-z]+")
_MARKDOWN_SPECIAL = re.compile(r"([*_`\[\]<>|])")


@cache
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
    from pylatexenc.latexwalker import get_default_latex_context_db as walker_db

    # What competitive-programming statements use that latex2text drops: modulo, binomials, typewriter text.
    walker = walker_db()
    walker.add_context_category(
        "algoitny",
        macros=[
            _macro(name, args)
            for name, args in (
                ("binom", "{{"),
                ("dfrac", "{{"),
                ("tfrac", "{{"),
                ("pmod", "{"),
                ("texttt", "{"),
                ("textsf", "{"),
                ("mathtt", "{"),
                ("operatorname", "{"),
                ("boldsymbol", "{"),
                ("mbox", "{"),
            )
        ],
        prepend=True,
    )
    context = get_default_latex_context_db()
    fraction = context.get_macro_spec("frac").simplify_repl
    replaced = {
        "bmod": " mod ",
        "mod": " mod ",
        "pmod": " (mod %s)",
        "binom": "C(%s, %s)",
        "ne": "≠",
        "gcd": "gcd",
        "lcm": "lcm",
        "iff": "⇔",
        "land": "∧",
        "lor": "∨",
        "neg": "¬",
        "xor": "⊕",
        "colon": ":",
        "left": "",
        "right": "",
        "displaystyle": "",
        "limits": "",
        "nolimits": "",
        "big": "",
        "Big": "",
        "bigg": "",
        "Bigg": "",
        "bigl": "",
        "bigr": "",
        "bigm": "",
    }
    replaced.update(dict.fromkeys(("texttt", "textsf", "mathtt", "operatorname", "boldsymbol", "mbox"), "%s"))
    context.add_context_category(
        "algoitny",
        macros=[
            *(MacroTextSpec(name, text) for name, text in replaced.items()),
            MacroTextSpec("dfrac", fraction),
            MacroTextSpec("tfrac", fraction),
        ],
        prepend=True,
    )
    return (
        LatexNodes2Text(latex_context=context, math_mode="text", strict_latex_spaces="based-on-source"),
        walker,
        context,
    )


def _macro(name: str, args: str) -> Any:
    from pylatexenc.macrospec import MacroSpec

    return MacroSpec(name, args)


def _scripts(source: str) -> str:
    """`^{…}` and `_{…}` as Unicode super/subscripts where every character has one; others keep their braces as
    parentheses (`a_{N-1}` → `a_(N−1)`), so what the script covers stays clear once the braces are gone."""
    import unicodeit

    def one(match: re.Match[str]) -> str:
        mark, group, inner = match.group(1), match.group(2), match.group(3)
        body = inner if inner is not None else group
        converted = unicodeit.replace(f"{mark}{{{body}}}")
        if not re.search(r"[\^_{}\\]", converted):
            # `\sum_i` must not become the unknown command `\sumᵢ`
            return ("{}" if re.search(r"\\[A-Za-z]+$", match.string[: match.start()]) else "") + converted
        if inner is not None and len(inner.strip()) > 1 and not inner.strip().startswith("\\left"):
            return f"{mark}({inner})"
        return match.group(0)

    previous = None
    while previous != source:  # innermost first: b^{c} inside a^{(b^{c})}
        previous, source = source, _SCRIPT.sub(one, source)
    return source


def math_to_text(source: str) -> str | None:
    """One formula (without its `$`) as Unicode text, or None when it cannot be rendered."""
    converter, walker, context = _converter()
    try:
        from pylatexenc.latexwalker import LatexWalker

        nodes = LatexWalker(_scripts(source), latex_context=walker, tolerant_parsing=False).get_latex_nodes()[
            0
        ]
        if not _all_known(nodes, context):
            return None  # latex2text would drop an unknown command silently: the source says more
        text = converter.nodelist_to_text(nodes)
    except Exception:  # pylatexenc raises its own parse errors and, on odd input, plain ones
        return None
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    if not text or _LEFTOVER_COMMAND.search(text) or "$" in text:
        return None
    return text


def _all_known(nodes: Any, context: Any) -> bool:
    from pylatexenc.latexwalker import LatexEnvironmentNode, LatexMacroNode

    for node in nodes or ():
        if node is None:
            continue
        if isinstance(node, LatexMacroNode) and context.get_macro_spec(node.macroname) is None:
            return False
        if (
            isinstance(node, LatexEnvironmentNode)
            and context.get_environment_spec(node.environmentname) is None
        ):
            return False
        children = list(getattr(node, "nodelist", None) or [])
        arguments = getattr(node, "nodeargd", None)
        children += [a for a in (getattr(arguments, "argnlist", None) or []) if a is not None]
        if children and not _all_known(children, context):
            return False
    return True


def render_math(markdown: str) -> str:
    """Markdown with every formula outside code replaced by its Unicode text (escaped for Markdown)."""
    parts = _CODE.split(markdown)
    for index in range(0, len(parts), 2):  # even parts are outside code
        parts[index] = _MATH.sub(_render_one, parts[index])
    return "".join(parts)


def _render_one(match: re.Match[str]) -> str:
    display = match.group("d1") is not None or match.group("d2") is not None
    source = next(
        g
        for g in (match.group("d1"), match.group("d2"), match.group("i1"), match.group("i2"))
        if g is not None
    )
    text = math_to_text(source)
    if text is None:
        return match.group(0)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return f"\n\n{text}\n\n" if display else text
