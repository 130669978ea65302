"""Every language judges A+B with real toolchains; Python syntax errors are compile errors; language detection;
missing toolchains; Java class names."""

from __future__ import annotations

from pathlib import Path

import pytest

from algoitny_tui.domain import Verdict
from algoitny_tui.hints.compiler import parse_compile_error
from algoitny_tui.judge import LanguageSpec, UnknownLanguage, detect_language, judge
from algoitny_tui.judge.languages import java_main_class, java_source_name, resolve_tool
from tests.judge.conftest import AB_TESTS, JudgeFn, have, make_problem

SOURCES = {
    "python3": "a, b = map(int, input().split())\nprint(a + b)\n",
    "pypy3": "a, b = map(int, input().split())\nprint(a + b)\n",
    "c": '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);return 0;}\n',
    "cpp": "#include <bits/stdc++.h>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<'\\n';}\n",
    "cpp20": "#include <bits/stdc++.h>\nint main(){long long a,b;std::cin>>a>>b;auto s=std::views::iota(0,1);"
    "(void)s;std::cout<<a+b<<'\\n';}\n",
    "java": "import java.util.*;\n// class Decoy { public static void main(String[] a) {} }\n"
    "public class Solution {\n  public static void main(String[] args) {\n"
    "    Scanner s = new Scanner(System.in);\n    System.out.println(s.nextLong() + s.nextLong());\n  }\n}\n",
    "javascript": "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
    "console.log(a + b);\n",
    "rust": "use std::io::*;\nfn main(){let mut s=String::new();stdin().read_to_string(&mut s).unwrap();"
    'let v:Vec<i64>=s.split_whitespace().map(|x|x.parse().unwrap()).collect();println!("{}",v[0]+v[1]);}\n',
    "go": 'package main\nimport "fmt"\nfunc main(){var a,b int64;fmt.Scan(&a,&b);fmt.Println(a+b)}\n',
    "kotlin": "fun main() { val (a, b) = readLine()!!.split(' ').map { it.toLong() }; println(a + b) }\n",
}
TOOLS = {
    "python3": "python3",
    "pypy3": "pypy3",
    "c": "gcc",
    "cpp": "g++",
    "cpp20": "g++",
    "java": "javac",
    "javascript": "node",
    "rust": "rustc",
    "go": "go",
    "kotlin": "kotlinc",
}


@pytest.mark.parametrize("language", list(SOURCES))
def test_a_plus_b_in_every_language(run: JudgeFn, language: str) -> None:
    if not have(TOOLS[language]):
        pytest.skip(f"{TOOLS[language]} not installed")
    report = run(make_problem(), AB_TESTS, SOURCES[language], language)
    assert report.compile.ok, report.compile.message
    assert [t.verdict for t in report.tests] == [Verdict.AC] * 3, [t.message + t.stderr for t in report.tests]
    assert report.verdict == Verdict.AC
    assert all(t.memory_kb > 0 for t in report.tests)


@pytest.mark.parametrize("language", ["python3", "pypy3"])
def test_python_syntax_error_is_a_cached_compile_error(tmp_path: Path, language: str) -> None:
    if not have(TOOLS[language]):
        pytest.skip(f"{TOOLS[language]} not installed")
    bad = "a, b = map(int, input().split())\nprint(a +)\n"
    first = judge(make_problem(), AB_TESTS, bad, language, cache_dir=tmp_path)
    assert first.verdict == Verdict.CE and first.tests == [] and not first.compile.cached
    message = first.compile.message
    assert message.startswith('File "main.py", line 2') and "SyntaxError" in message, message
    assert "SyntaxError: invalid syntax" in message and "print(a +)" in message  # the line, quoted
    err = parse_compile_error(message, bad)  # the hints read it as a syntax error on that line
    assert err is not None and (err.kind, err.line) == ("syntax", 2)
    again = judge(make_problem(), AB_TESTS, bad, language, cache_dir=tmp_path)
    assert again.verdict == Verdict.CE and again.compile.cached and again.compile.message == message
    # an indentation error too, and the fixed source runs (its own compile, not the cached CE)
    indented = judge(
        make_problem(),
        AB_TESTS,
        "a, b = map(int, input().split())\n  print(a + b)\n",
        language,
        cache_dir=tmp_path,
    )
    assert indented.verdict == Verdict.CE and "IndentationError" in indented.compile.message
    fixed = judge(make_problem(), AB_TESTS, bad.replace("a +)", "a + b)"), language, cache_dir=tmp_path)
    assert fixed.verdict == Verdict.AC and fixed.compile.ok and not fixed.compile.cached


def test_a_compile_that_could_not_finish_is_not_remembered(tmp_path: Path) -> None:
    from algoitny_tui.judge.compile_cache import prepare
    from algoitny_tui.judge.languages import get_language
    from algoitny_tui.judge.sandbox import Sandbox, build_helper

    sandbox = Sandbox(build_helper(tmp_path))
    try:
        # the compile runs out of time: a CE this once, never replayed from the cache
        slow = "x = [" + "(" * 50 + "1" + ")" * 50 + " for _ in range(3)]\n" * 20000
        results = [
            prepare(get_language("python3"), slow, cache_dir=tmp_path, sandbox=sandbox, compile_timeout_ms=1)
            for _ in range(2)
        ]
    finally:
        sandbox.close()
    assert [(art, rep.ok, rep.cached) for art, rep in results] == [(None, False, False)] * 2
    assert "took longer than 1 ms" in results[1][1].message
    assert not list(tmp_path.glob("ce-*.json"))


def test_python_is_the_real_interpreter_not_a_shim() -> None:
    path = resolve_tool("python3")
    with open(path, "rb") as f:
        assert f.read(4) == b"\x7fELF"


def test_python_keeps_fresh_interpreter_semantics(run: JudgeFn) -> None:
    src = (
        "import sys\nassert __name__ == '__main__'\nassert sys.getrecursionlimit() == 1000\n"
        "assert sys.argv[0].endswith('main.py'), sys.argv\nassert 'sys' not in globals() or True\n"
        "g = [k for k in globals() if not k.startswith('__')]\nassert g == ['sys'], g\n"
        "a, b = map(int, input().split())\nprint(a + b)\nexit(0)\n"
    )
    report = run(make_problem(), AB_TESTS, src, "python3")
    assert report.verdict == Verdict.AC, [t.stderr for t in report.tests]


def test_java_main_class_may_have_any_name() -> None:
    src = "class Helper { }\nclass Weird_Name1 {\n  static public void main(String[] a) { }\n}\n"
    assert java_main_class(src) == "Weird_Name1"
    assert java_source_name(src) == "Main.java"
    assert java_source_name("public final class Foo { }") == "Foo.java"
    assert java_main_class('class A { String s = "static void main("; }\nclass B { }') is None


def test_java_in_a_package_as_an_ide_writes_it(run: JudgeFn) -> None:
    src = (
        "// generated by the IDE\npackage contest.round1;\n\nimport java.util.*;\n\npublic class Solution {\n"
        "    public static void main(String[] args) {\n        Scanner in = new Scanner(System.in);\n"
        "        long a = in.nextLong(), b = in.nextLong();\n        System.out.println(a + b);\n    }\n}\n"
    )
    assert java_main_class(src) == "contest.round1.Solution"
    report = run(make_problem(), AB_TESTS, src, "java")
    assert report.verdict == Verdict.AC, report.tests[0].message if report.tests else report.compile.message


def test_java_without_public_class(run: JudgeFn) -> None:
    src = (
        "import java.io.*;\nclass Helper { static int f(int x) { return x; } }\n"
        "class Prog { public static void main(String[] a) throws IOException {\n"
        '  String[] p = new BufferedReader(new InputStreamReader(System.in)).readLine().trim().split(" ");\n'
        "  System.out.println(Helper.f(Integer.parseInt(p[0]) + Integer.parseInt(p[1]))); } }\n"
    )
    report = run(make_problem(), AB_TESTS, src, "java")
    assert report.verdict == Verdict.AC, [t.message + t.stderr for t in report.tests]


def test_detect_language_by_extension() -> None:
    assert detect_language("a.py") == "python3"
    assert detect_language("x/Main.java") == "java"
    assert detect_language("s.CPP") == "cpp"
    assert detect_language("s.rs") == "rust"
    assert detect_language("s.js") == "javascript"
    with pytest.raises(UnknownLanguage):
        detect_language("notes.txt")


def test_user_defined_language_merged_over_builtins(run: JudgeFn) -> None:
    langs = {
        "awk": LanguageSpec(
            name="awk", extensions=[".awk"], source_name="main.awk", run=["awk", "-f", "{src}"]
        )
    }
    report = run(
        make_problem(), AB_TESTS, "{ print $1 + $2 }\n", None, source_name="sol.awk", languages=langs
    )
    assert report.verdict == Verdict.AC
    # overriding a built-in: this C++ only compiles with the user's extra -D flag
    custom = {
        "cpp": LanguageSpec(
            name="cpp",
            extensions=[".cpp"],
            source_name="Main.cpp",
            compile=["g++", "-DOFFSET=0", "-o", "{exe}", "{src}"],
            run=["{exe}"],
        )
    }
    src = '#include <cstdio>\nint main(){ long long a,b; scanf("%lld%lld",&a,&b); printf("%lld\\n",a+b+OFFSET); }\n'
    builtin = run(make_problem(), AB_TESTS, src, "cpp")
    assert builtin.verdict == Verdict.CE and "OFFSET" in builtin.compile.message
    assert run(make_problem(), AB_TESTS, src, "cpp", languages=custom).verdict == Verdict.AC


def test_missing_toolchain_names_the_tool(run: JudgeFn) -> None:
    langs = {
        "cobol": LanguageSpec(
            name="cobol",
            extensions=[".cob"],
            compile=["cobc-not-installed", "{src}"],
            run=["{exe}"],
            install_hint="install GnuCOBOL to judge COBOL",
        )
    }
    report = run(make_problem(), AB_TESTS, "x", "cobol", languages=langs)
    assert report.verdict == Verdict.CE
    assert report.tests == []
    assert "cobc-not-installed not found" in report.compile.message
    assert "install GnuCOBOL" in report.compile.message


def test_unknown_language_raises(run: JudgeFn) -> None:
    with pytest.raises(UnknownLanguage):
        run(make_problem(), AB_TESTS, "x", "brainfudge")


def test_pyenv_shims_resolve_without_running_pyenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from algoitny_tui.judge.languages import _pyenv_version_binary

    root = tmp_path / "pyenv"
    for version in ("3.9.1", "3.12.0"):
        binary = root / "versions" / version / "bin" / "python3"
        binary.parent.mkdir(parents=True)
        binary.write_text("")
        binary.chmod(0o755)
    shim = root / "shims" / "python3"
    (root / "version").write_text("3.9.1\n")
    work = tmp_path / "work" / "deeper"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    monkeypatch.setenv("PYENV_ROOT", str(root))
    monkeypatch.delenv("PYENV_VERSION", raising=False)
    monkeypatch.delenv("PYENV_DIR", raising=False)

    def found() -> str | None:
        return _pyenv_version_binary("python3", shim)

    assert found() == str(root / "versions/3.9.1/bin/python3")  # the global version file
    (tmp_path / "work" / ".python-version").write_text("# pinned\n3.12.0\n")
    assert found() == str(root / "versions/3.12.0/bin/python3")  # the nearest .python-version wins
    monkeypatch.setenv("PYENV_VERSION", "3.8.0:3.9.1")
    assert found() is None  # not installed: pyenv itself says what to do
    monkeypatch.setenv("PYENV_VERSION", "3.12.0:3.9.1")
    assert found() == str(root / "versions/3.12.0/bin/python3")
    for undecided in ("system", "3.12"):  # pyenv's own rules: ask it
        monkeypatch.setenv("PYENV_VERSION", undecided)
        assert found() is None
    assert Path(found() or "x") == Path("x")
