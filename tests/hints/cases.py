"""Realistic failed submissions for the hint tests: code, verdict, and the test results as the worker stores them
(long names), with stderr in "error" and the judge's message in "message"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from algoitny_tui.domain import Limits, Problem
from algoitny_tui.hints import HintRequest
from algoitny_tui.models import execution_status


def problem(time_ms: int = 1000, memory_mb: int = 256, statement: str = "") -> Problem:
    return Problem(
        platform="test",
        problem_number="1",
        title="Test problem",
        statement=statement,
        limits=Limits(time_limit_ms=time_ms, memory_limit_mb=memory_mb),
    )


def failed(
    verdict: str,
    *,
    output: str = "",
    error: str | None = None,
    message: str = "",
    input: str | None = None,
    expected: str | None = None,
    tid: str = "secret/03",
    **extra: Any,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "test_case_id": tid,
        "output": output,
        "passed": False,
        "error": error,
        "status": execution_status(verdict),
        "verdict": verdict,
        "message": message,
    }
    if input is not None:
        result["input"] = input
    if expected is not None:
        result["expected_output"] = expected
    result.update(extra)
    return result


@dataclass
class Case:
    name: str
    language: str
    code: str
    verdict: str
    tests: list[dict[str, Any]]
    expect: dict[int, list[str]]
    """Level -> words the hint at that level must contain (case-insensitive; any of "a|b")."""
    compile_message: str = ""
    problem: Problem | None = field(default_factory=problem)
    reference: str | None = None

    def request(self, previous: tuple[str, ...] = ()) -> HintRequest:
        return HintRequest(
            problem=self.problem,
            language=self.language,
            code=self.code,
            verdict=self.verdict,
            failed_tests=self.tests,
            compile_message=self.compile_message,
            reference_solution=self.reference,
            previous_hints=previous,
        )


PY_INDEX_CODE = """n = int(input())
a = list(map(int, input().split()))
best = 0
for i in range(n):
    best = max(best, a[i] + a[i + 1])
print(best)
"""
PY_INDEX_TB = """Traceback (most recent call last):
  File "/tmp/judge-x1/main.py", line 5, in <module>
    best = max(best, a[i] + a[i + 1])
                            ~^^^^^^^
IndexError: list index out of range
"""

PY_RECURSION_CODE = """import sys
def depth(v):
    if v == 0:
        return 0
    return 1 + depth(v - 1)
print(depth(int(input())))
"""
PY_RECURSION_TB = """Traceback (most recent call last):
  File "/tmp/judge-x1/main.py", line 6, in <module>
    print(depth(int(input())))
          ^^^^^^^^^^^^^^^^^^^
  File "/tmp/judge-x1/main.py", line 5, in depth
    return 1 + depth(v - 1)
               ^^^^^^^^^^^^
  [Previous line repeated 996 more times]
  File "/tmp/judge-x1/main.py", line 3, in depth
    if v == 0:
       ^^^^^^
RecursionError: maximum recursion depth exceeded in comparison
"""

PY_ZERO_CODE = """n, k = map(int, input().split())
groups = n // k
print(n / groups)
"""
PY_ZERO_TB = """Traceback (most recent call last):
  File "/tmp/judge-x1/main.py", line 3, in <module>
    print(n / groups)
          ~~^~~~~~~~
ZeroDivisionError: division by zero
"""

PY_INT_CODE = """n = int(input())
a = int(input())
b = int(input())
print(a + b)
"""
PY_INT_TB = """Traceback (most recent call last):
  File "/tmp/judge-x1/main.py", line 2, in <module>
    a = int(input())
        ^^^^^^^^^^^^
ValueError: invalid literal for int() with base 10: '1 2'
"""

PY_UNPACK_TB = """Traceback (most recent call last):
  File "/tmp/judge-x1/main.py", line 1, in <module>
    a, b = map(int, input().split())
    ^^^^
ValueError: not enough values to unpack (expected 2, got 1)
"""

CPP_SEGV_CODE = """#include <bits/stdc++.h>
using namespace std;
int main() {
    int n; cin >> n;
    int a[100];
    for (int i = 0; i < n; i++) cin >> a[i];
    cout << a[n - 1] << endl;
}
"""
CPP_BIG_LOCAL = """#include <cstdio>
int main() {
    int cnt[10000000];
    int n; scanf("%d", &n);
    printf("%d\\n", cnt[n]);
}
"""
CPP_BAD_ALLOC_CODE = """#include <bits/stdc++.h>
using namespace std;
int main() {
    long long n; cin >> n;
    vector<long long> v(n * n);
    cout << v.size() << "\\n";
}
"""
JAVA_AIOOBE_CODE = """import java.util.*;
public class Main {
    public static void main(String[] args) {
        Scanner sc = new Scanner(System.in);
        int n = sc.nextInt();
        int[] a = new int[n];
        for (int i = 0; i <= n; i++) a[i] = sc.nextInt();
        System.out.println(a[0]);
    }
}
"""
JAVA_AIOOBE_TRACE = """Exception in thread "main" java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 5
\tat Main.main(Main.java:7)
"""
JAVA_NPE_TRACE = """Exception in thread "main" java.lang.NullPointerException: Cannot invoke "java.util.List.add(Object)" because "<local4>" is null
\tat Main.main(Main.java:9)
"""
JAVA_SO_TRACE = (
    'Exception in thread "main" java.lang.StackOverflowError\n' + "\tat Main.dfs(Main.java:12)\n" * 40
)
JAVA_NFE_TRACE = """Exception in thread "main" java.lang.NumberFormatException: For input string: "3 4"
\tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)
\tat java.base/java.lang.Integer.parseInt(Integer.java:668)
\tat java.base/java.lang.Integer.parseInt(Integer.java:786)
\tat Main.main(Main.java:6)
"""
NODE_TRACE = """/tmp/judge-x1/main.js:4
console.log(grid[n].length);
                    ^

TypeError: Cannot read properties of undefined (reading 'length')
    at Object.<anonymous> (/tmp/judge-x1/main.js:4:21)
    at Module._compile (node:internal/modules/cjs/loader:1376:14)

Node.js v20.11.0
"""

PY_TLE_CODE = """n = int(input())
a = list(map(int, input().split()))
count = 0
for i in range(n):
    for j in range(i + 1, n):
        if a[i] + a[j] == 0:
            count += 1
print(count)
"""

PY_MLE_CODE = """n = int(input())
dp = [[0] * (n + 1) for _ in range(n + 1)]
for i in range(1, n + 1):
    dp[i][i] = i
print(dp[n][n])
"""

PY_OFF_BY_ONE_CODE = """n = int(input())
count = 0
for i in range(1, n):
    if n % i == 0:
        count += 1
print(count)
"""

PY_WS_CODE = """n = int(input())
for i in range(1, n + 1):
    print(i, end=' ')
"""

PY_CASE_CODE = """n = int(input())
print("yes" if n % 2 == 0 else "no")
"""

CPP_OVERFLOW_CODE = """#include <iostream>
using namespace std;
int main() {
    int a, b;
    cin >> a >> b;
    int product = a * b;
    cout << product << "\\n";
}
"""
CPP_OVERFLOW_REF = """#include <iostream>
using namespace std;
int main() {
    long long first_value, second_value;
    cin >> first_value >> second_value;
    long long product_of_both = first_value * second_value;
    cout << product_of_both << "\\n";
}
"""

PY_PRECISION_CODE = """import math
r = float(input())
print(round(math.pi * r * r, 2))
"""

PY_EMPTY_CODE = """import sys
def main():
    n = int(sys.stdin.readline())
    print(n * 2)
"""

PY_ONE_CASE_CODE = """t = int(input())
a, b = map(int, input().split())
print(a + b)
"""

CPP_SEMICOLON_CODE = """#include <iostream>
using namespace std;
int main() {
    int a, b;
    cin >> a >> b
    cout << a + b << endl;
    return 0;
}
"""
CPP_SEMICOLON_MSG = """main.cpp: In function 'int main()':
main.cpp:5:18: error: expected ';' before 'cout'
    5 |     cin >> a >> b
      |                  ^
      |                  ;
    6 |     cout << a + b << endl;
      |     ~~~~
"""
JAVA_CLASS_CODE = """import java.util.*;
public class Solution {
    public static void main(String[] args) {
        Scanner sc = new Scanner(System.in);
        System.out.println(sc.nextInt() + sc.nextInt());
    }
}
"""
JAVA_CLASS_MSG = """Main.java:2: error: class Solution is public, should be declared in a file named Solution.java
public class Solution {
       ^
1 error
"""

REFERENCE_PY_PAIRS = """import sys
from collections import Counter
def count_zero_pairs(values):
    seen = Counter()
    answer = 0
    for value in values:
        answer += seen[-value]
        seen[value] += 1
    return answer
data = sys.stdin.buffer.read().split()
n = int(data[0])
print(count_zero_pairs(list(map(int, data[1:n + 1]))))
"""


def _big_input(n: int) -> str:
    return f"{n}\n" + " ".join(str((i * 7919) % 100003 - 50000) for i in range(n)) + "\n"


CASES: list[Case] = [
    Case(
        "python IndexError",
        "python3",
        PY_INDEX_CODE,
        "RE",
        [
            failed(
                "RE",
                error=PY_INDEX_TB,
                message="exit code 1: IndexError: list index out of range",
                input="3\n1 2 3\n",
            )
        ],
        {
            1: ["runtime error", "index"],
            2: ["IndexError", "line 5", "a[i + 1]"],
            3: ["one past the end|one element earlier"],
        },
    ),
    Case(
        "python RecursionError",
        "python3",
        PY_RECURSION_CODE,
        "RE",
        [
            failed(
                "RE",
                error=PY_RECURSION_TB,
                message="exit code 1: RecursionError: maximum recursion depth exceeded in comparison",
                input="100000\n",
            )
        ],
        {1: ["recursion"], 2: ["RecursionError", "1000"], 3: ["setrecursionlimit", "explicit stack|loop"]},
    ),
    Case(
        "python ZeroDivisionError",
        "python3",
        PY_ZERO_CODE,
        "RE",
        [
            failed(
                "RE",
                error=PY_ZERO_TB,
                message="exit code 1: ZeroDivisionError: division by zero",
                input="3 5\n",
            )
        ],
        {1: ["division"], 2: ["ZeroDivisionError", "line 3"], 3: ["divisor is 0", "n / groups"]},
    ),
    Case(
        "python int() on '1 2'",
        "python3",
        PY_INT_CODE,
        "RE",
        [
            failed(
                "RE",
                error=PY_INT_TB,
                message="exit code 1: ValueError: invalid literal for int() with base 10: '1 2'",
                input="1\n1 2\n",
            )
        ],
        {1: ["input"], 2: ["invalid literal", "line 2", "misread"], 3: ["'1 2'", "split"]},
    ),
    Case(
        "python unpack",
        "python3",
        "a, b = map(int, input().split())\nprint(a + b)\n",
        "RE",
        [
            failed(
                "RE",
                error=PY_UNPACK_TB,
                message="exit code 1: ValueError: not enough values to unpack (expected 2, got 1)",
                input="1\n2\n",
            )
        ],
        {1: ["input format"], 2: ["not enough values"], 3: ["only 1 value", "separate lines"]},
    ),
    Case(
        "c++ segfault",
        "cpp",
        CPP_SEGV_CODE,
        "RE",
        [failed("RE", error="", message="killed by SIGSEGV", input="200\n" + "1 " * 200)],
        {1: ["segmentation fault", "array sizes"], 2: ["SIGSEGV", "out of bounds"], 3: ["size", "global"]},
    ),
    Case(
        "c++ big local array",
        "cpp",
        CPP_BIG_LOCAL,
        "RE",
        [failed("RE", error="", message="killed by SIGSEGV", input="5\n")],
        {1: ["segmentation fault"], 3: ["int cnt[10000000]", "global"]},
    ),
    Case(
        "c++ bad_alloc",
        "cpp",
        CPP_BAD_ALLOC_CODE,
        "RE",
        [
            failed(
                "RE",
                error="terminate called after throwing an instance of 'std::bad_alloc'\n  what():  "
                "std::bad_alloc\n",
                message="killed by SIGABRT: what():  std::bad_alloc",
                input="1000000\n",
            )
        ],
        {1: ["allocat|memory"], 2: ["std::bad_alloc"], 3: ["sizes you allocate|n × n"]},
    ),
    Case(
        "java ArrayIndexOutOfBounds",
        "java",
        JAVA_AIOOBE_CODE,
        "RE",
        [
            failed(
                "RE",
                error=JAVA_AIOOBE_TRACE,
                message="exit code 1: \tat Main.main(Main.java:7)",
                input="5\n1 2 3 4 5\n",
            )
        ],
        {
            1: ["index"],
            2: ["ArrayIndexOutOfBoundsException", "line 7", "i <= n"],
            3: ["one step too far|n-1"],
        },
    ),
    Case(
        "java NullPointerException",
        "java",
        JAVA_AIOOBE_CODE,
        "RE",
        [failed("RE", error=JAVA_NPE_TRACE, message="exit code 1: \tat Main.main(Main.java:9)")],
        {1: ["null"], 2: ["NullPointerException", "line 9"], 3: ["create it before use"]},
    ),
    Case(
        "java StackOverflowError",
        "java",
        JAVA_AIOOBE_CODE,
        "RE",
        [failed("RE", error=JAVA_SO_TRACE, message="exit code 1: \tat Main.dfs(Main.java:12)")],
        {
            1: ["stack overflow", "recursion"],
            2: ["StackOverflowError", "line 12"],
            3: ["base case", "explicit stack"],
        },
    ),
    Case(
        "java NumberFormatException",
        "java",
        JAVA_AIOOBE_CODE,
        "RE",
        [failed("RE", error=JAVA_NFE_TRACE, message="exit code 1: \tat Main.main(Main.java:6)")],
        {1: ["input"], 2: ["NumberFormatException", "line 6"], 3: ["'3 4'", "StringTokenizer|split"]},
    ),
    Case(
        "node TypeError",
        "javascript",
        "const grid = [];\nconst n = 3;\n\nconsole.log(grid[n].length);\n",
        "RE",
        [failed("RE", error=NODE_TRACE, message="exit code 1: Node.js v20.11.0")],
        {
            1: ["null/undefined"],
            2: ["Cannot read properties of undefined", "line 4", "grid[n].length"],
            3: ["does not exist yet"],
        },
    ),
    Case(
        "python TLE n=200000",
        "python3",
        PY_TLE_CODE,
        "TLE",
        [failed("TLE", message="CPU time over 1000 ms", input=_big_input(200000), time_ms=1000)],
        {
            1: ["time limit", "loops"],
            2: ["n = 200000", "O(n log n)", "2 deep", "O(n²)"],
            3: ["inner loop", "sys.stdin"],
        },
        reference=REFERENCE_PY_PAIRS,
    ),
    Case(
        "python MLE",
        "python3",
        PY_MLE_CODE,
        "MLE",
        [
            failed(
                "MLE", message="memory limit 256 MB exceeded (peak 251 MB)", input="20000\n", memory_kb=257000
            )
        ],
        {
            1: ["memory limit", "arrays|tables"],
            2: ["256 MB", "251 MB", "n = 20000"],
            3: ["dp = [[0] * (n + 1) for _ in range(n + 1)]", "rows"],
        },
    ),
    Case(
        "WA off by one",
        "python3",
        PY_OFF_BY_ONE_CODE,
        "WA",
        [
            failed(
                "WA",
                output="3\n",
                expected="4\n",
                input="6\n",
                message="line 1, column 1: expected '4', got '3'",
            )
        ],
        {
            1: ["off by one", "loop bounds"],
            2: ["'3'", "'4'", "one less"],
            3: ["range(1, n)", "line 3", "n + 1"],
        },
    ),
    Case(
        "WA whitespace only",
        "python3",
        PY_WS_CODE,
        "WA",
        [
            failed(
                "WA",
                output="1 2 3 ",
                expected="1\n2\n3\n",
                input="3\n",
                message="line 1, column 2: whitespace differs only",
            )
        ],
        {1: ["formatting", "whitespace"], 2: ["space where a line break"], 3: ["own line"]},
    ),
    Case(
        "WA case only",
        "python3",
        PY_CASE_CODE,
        "WA",
        [
            failed(
                "WA",
                output="yes\n",
                expected="YES\n",
                input="4\n",
                message="line 1, column 1: expected 'YES', got 'yes' (case differs only)",
            )
        ],
        {1: ["case|capitalization"], 2: ["'yes'", "'YES'"], 3: ["'YES'"]},
    ),
    Case(
        "WA overflow",
        "cpp",
        CPP_OVERFLOW_CODE,
        "WA",
        [
            failed(
                "WA",
                output="-1294967296\n",
                expected="3000000000\n",
                input="100000 30000\n",
                message="line 1, column 1: expected '3000000000', got '-1294967296'",
            )
        ],
        {1: ["overflow"], 2: ["-1294967296", "3000000000", "32-bit"], 3: ["long long", "1LL"]},
        reference=CPP_OVERFLOW_REF,
    ),
    Case(
        "WA precision",
        "python3",
        PY_PRECISION_CODE,
        "WA",
        [
            failed(
                "WA",
                output="3.14\n",
                expected="3.14159265\n",
                input="1\n",
                message="line 1, column 1: expected '3.14159265', got '3.14'",
            )
        ],
        {1: ["precise"], 2: ["3.14", "3.14159265"], 3: ["decimal places", ":.10f"]},
    ),
    Case(
        "WA empty output",
        "python3",
        PY_EMPTY_CODE,
        "WA",
        [
            failed(
                "WA",
                output="",
                expected="4\n",
                input="2\n",
                message="line 1, column 1: expected '4' but the output ended (got 0 of 1 tokens)",
            )
        ],
        {1: ["printed nothing"], 2: ["empty"], 3: ["main()", "never call"]},
    ),
    Case(
        "WA wrong line count",
        "python3",
        PY_ONE_CASE_CODE,
        "WA",
        [
            failed(
                "WA",
                output="3\n",
                expected="3\n7\n11\n",
                input="3\n1 2\n3 4\n5 6\n",
                message="line 1, column 2: expected '7' but the output ended (got 1 of 3 tokens)",
            )
        ],
        {1: ["too early|fewer"], 2: ["1 value", "3 were expected", "'7'"], 3: ["3 cases|all 3"]},
    ),
    Case(
        "CE c++ missing semicolon",
        "cpp",
        CPP_SEMICOLON_CODE,
        "CE",
        [],
        {
            1: ["compile error", "semicolon", "line 5"],
            2: ["expected ';' before 'cout'"],
            3: ["line 5", "cin >> a >> b"],
        },
        compile_message=CPP_SEMICOLON_MSG,
    ),
    Case(
        "CE java class name",
        "java",
        JAVA_CLASS_CODE,
        "CE",
        [],
        {1: ["compile error", "class"], 2: ["class Solution is public"], 3: ["Main", "public"]},
        compile_message=JAVA_CLASS_MSG,
    ),
]
