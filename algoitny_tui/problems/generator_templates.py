"""Template generators: a random-input program for an input shape (input_shape.py), in Python or C++.

The program follows the generator contract (worker/generators.py): the seed in argv[1], nothing read from stdin, one
input printed. Small seeds give small inputs and values near zero (a difference is then easy to read); every fourth
seed takes values from the whole range. Each variable of the first line becomes one line of code, so a user who
knows a constraint the classifier missed (distinct values, exactly one `S`) can see where to add it.
"""

from __future__ import annotations

from algoitny_tui.problems.input_shape import BIG, InputShape

TEMPLATE_LANGUAGES = {"python3": "python", "pypy3": "python", "cpp": "cpp", "cpp20": "cpp"}
"""Languages with a template, and which template each uses."""
FALLBACK_LANGUAGE = "python3"


def template_language(language: str) -> str:
    """The language the template is written in: the one asked for when it has a template, else Python 3."""
    return language if language in TEMPLATE_LANGUAGES else FALLBACK_LANGUAGE


def _clip(value: int) -> int:
    return max(-BIG, min(BIG, value))


def _high(shape: InputShape, high: int | str) -> str:
    """An upper bound in code: a header variable's name (`K <= N` uses N's value) or a number."""
    if isinstance(high, str) and high in shape.header:
        return high
    return str(_clip(shape.resolve(high)))


def _header_lines(shape: InputShape, assign: str) -> list[str]:
    """`N = count(1, 100000)` for each header variable, counts small and values in their bounds."""
    lines = []
    counts = {shape.size, shape.second} - {""}
    for name in shape.header:
        bound = shape.bounds.get(name)
        low = _clip(bound.low) if bound else 1
        high = _high(shape, bound.high) if bound else "100"
        if shape.kind == "graph" and name == shape.size:
            low = max(low, 2)  # an edge joins two different vertices
        function = "count" if name in counts else "value"
        lines.append(assign.format(name=name, call=f"{function}({low}, {high})"))
    return lines


def template_source(shape: InputShape, language: str, title: str) -> str:
    """The template program for `shape` in `template_language(language)`."""
    about = (
        f"Random inputs for {title or 'this problem'}: a template for its input shape, {shape.describe()}, "
        "read from the statement. Check it against the input section: constraints a template cannot know "
        "(distinct values, exactly one of a character, a sorted order) are not kept."
    )
    if TEMPLATE_LANGUAGES.get(template_language(language)) == "cpp":
        return _cpp(shape, about)
    return _python(shape, about)


def _python(shape: InputShape, about: str) -> str:
    low, high = _clip(shape.values.low), _high(shape, shape.values.high)
    out = [
        f'"""{about}\n\nRun: python3 gen.py SEED\n"""',
        "import random",
        "import sys",
        "",
        "seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1",
        "random.seed(seed)",
        "SIZE = 3 + seed % 8  # small inputs: a difference is easy to read",
        "",
        "",
        "def count(low, high):",
        "    return random.randint(low, max(low, min(high, SIZE)))",
        "",
        "",
        "def value(low, high):",
        "    high = max(low, high)  # a bound named by a variable drawn smaller",
        "    if seed % 4 == 0:",
        "        return random.randint(low, high)",
        "    middle = min(max(0, low), high)",
        "    return random.randint(max(low, middle - 10), min(high, middle + 10))",
        "",
        "",
        "def row(n, low, high):",
        '    return " ".join(str(value(low, high)) for _ in range(n))',
        "",
        "",
        f"ALPHABET = {shape.alphabet!r}",
        "",
        "",
        "def word(low, high):",
        '    return "".join(random.choice(ALPHABET) for _ in range(count(low, high)))',
        "",
        "",
    ]
    out += _header_lines(shape, "{name} = {call}")
    if shape.header:
        out.append(f"print({', '.join(shape.header)})")
    if shape.kind == "numbers":
        times = shape.size or "1"
        out += [f"for _ in range({times}):", f"    print(row({shape.per_line}, {low}, {high}))"]
    elif shape.kind == "array":
        out.append(f"print(row({shape.size}, {low}, {high}))")
        if shape.second:
            if shape.index_queries:
                out += [
                    f"for _ in range({shape.second}):",
                    f"    left = random.randint(1, {shape.size})",
                    f"    print(left, random.randint(left, {shape.size}))",
                ]
            else:
                qlow, qhigh = _clip(shape.length.low), _high(shape, shape.length.high)
                out += [
                    f"for _ in range({shape.second}):",
                    f"    pair = sorted((value({qlow}, {qhigh}), value({qlow}, {qhigh})))",
                    "    print(*pair)",
                ]
    elif shape.kind == "strings":
        slow, shigh = _clip(shape.length.low), _high(shape, shape.length.high)
        out += [f"for _ in range({shape.size or 1}):", f"    print(word({slow}, {shigh}))"]
    elif shape.kind == "graph":
        n, m = shape.size, shape.second
        if shape.node_values:
            out.append(f"print(row({n}, {low}, {high}))")
        out += [
            f"for _ in range({m}):",
            f"    head = random.randint(1, {n})",
            f"    tail = random.randint(1, {n} - 1)",
            "    tail += tail >= head  # never the head itself",
        ]
        out.append(
            f"    print(head, tail, value({low}, {high}))" if shape.per_line == 3 else "    print(head, tail)"
        )
    else:  # grid
        out += [
            f"for _ in range({shape.size}):",
            f'    print("".join(random.choice(ALPHABET) for _ in range({shape.second})))',
        ]
    return "\n".join(out) + "\n"


def _cpp(shape: InputShape, about: str) -> str:
    low, high = _clip(shape.values.low), _high(shape, shape.values.high)
    comment = "\n".join("// " + line for line in _wrap(about))
    alphabet = shape.alphabet.replace("\\", "\\\\").replace('"', '\\"')
    out = [
        comment,
        "// Build: g++ -O2 -o gen gen.cpp; run: ./gen SEED",
        "#include <algorithm>",
        "#include <cstdio>",
        "#include <cstdlib>",
        "#include <random>",
        "#include <string>",
        "using namespace std;",
        "typedef long long ll;",
        "",
        "static ll seed_value;",
        "static mt19937_64 rng;",
        'static const string ALPHABET = "' + alphabet + '";',
        "",
        "ll between(ll low, ll high) { return uniform_int_distribution<ll>(low, high)(rng); }",
        "ll count(ll low, ll high) { return between(low, max(low, min(high, 3 + seed_value % 8))); }",
        "ll value(ll low, ll high) {",
        "    high = max(low, high);  // a bound named by a variable drawn smaller",
        "    if (seed_value % 4 == 0) return between(low, high);",
        "    ll middle = min(max(0LL, low), high);",
        "    return between(max(low, middle - 10), min(high, middle + 10));",
        "}",
        "void row(ll n, ll low, ll high) {",
        '    for (ll i = 0; i < n; i++) printf(i ? " %lld" : "%lld", value(low, high));',
        '    printf("\\n");',
        "}",
        "string word(ll low, ll high) {",
        "    string s(count(low, high), ' ');",
        "    for (char &c : s) c = ALPHABET[between(0, (ll)ALPHABET.size() - 1)];",
        "    return s;",
        "}",
        "",
        "int main(int argc, char **argv) {",
        "    seed_value = argc > 1 ? atoll(argv[1]) : 1;",
        "    rng.seed(seed_value);",
    ]
    out += ["    " + line for line in _header_lines(shape, "ll {name} = {call};")]
    if shape.header:
        out.append(
            '    printf("'
            + " ".join(["%lld"] * len(shape.header))
            + '\\n", '
            + ", ".join(shape.header)
            + ");"
        )
    if shape.kind == "numbers":
        out.append(
            f"    for (ll rep = 0; rep < {shape.size or 1}; rep++) row({shape.per_line}, {low}LL, {high});"
        )
    elif shape.kind == "array":
        out.append(f"    row({shape.size}, {low}LL, {high});")
        if shape.second and shape.index_queries:
            out += [
                f"    for (ll rep = 0; rep < {shape.second}; rep++) {{",
                f"        ll left = between(1, {shape.size});",
                f'        printf("%lld %lld\\n", left, between(left, {shape.size}));',
                "    }",
            ]
        elif shape.second:
            qlow, qhigh = _clip(shape.length.low), _high(shape, shape.length.high)
            out += [
                f"    for (ll rep = 0; rep < {shape.second}; rep++) {{",
                f"        ll one = value({qlow}LL, {qhigh}), two = value({qlow}LL, {qhigh});",
                '        printf("%lld %lld\\n", min(one, two), max(one, two));',
                "    }",
            ]
    elif shape.kind == "strings":
        slow, shigh = _clip(shape.length.low), _high(shape, shape.length.high)
        out.append(
            f'    for (ll rep = 0; rep < {shape.size or 1}; rep++) printf("%s\\n", word({slow}LL, {shigh})'
            ".c_str());"
        )
    elif shape.kind == "graph":
        n, m = shape.size, shape.second
        if shape.node_values:
            out.append(f"    row({n}, {low}LL, {high});")
        weight = (
            f' %lld\\n", head, tail, value({low}LL, {high}));'
            if shape.per_line == 3
            else '\\n", head, tail);'
        )
        out += [
            f"    for (ll rep = 0; rep < {m}; rep++) {{",
            f"        ll head = between(1, {n}), tail = between(1, {n} - 1);",
            "        tail += tail >= head;  // never the head itself",
            '        printf("%lld %lld' + weight,
            "    }",
        ]
    else:  # grid
        out += [
            f"    for (ll rep = 0; rep < {shape.size}; rep++) {{",
            f"        string cells({shape.second}, ' ');",
            "        for (char &cell : cells) cell = ALPHABET[between(0, (ll)ALPHABET.size() - 1)];",
            '        printf("%s\\n", cells.c_str());',
            "    }",
        ]
    out += ["    return 0;", "}"]
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int = 110) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width)
