"""PC001 compiles a parsed file only where the compiler may refuse it (static/compile_refusals):
every refusal the compiler makes after the parser accepted a file must still be found."""

from __future__ import annotations

import ast
import sys
import sysconfig
import warnings
from pathlib import Path

import pytest

from plugcheck.static.compile_refusals import CHECKED, can_refuse
from plugcheck.static.parse import ModuleInfo, ParseFailure, parse_source

TREE = Path(__file__).resolve().parents[1]

REFUSED = [
    "return 1",
    "class A:\n    return 1",
    "if x:\n    return",
    "for a in b:\n    pass\nelse:\n    return",
    "def f():\n    class A:\n        return 1",
    "break",
    "continue",
    "for a in b:\n    pass\nelse:\n    break",
    "while x:\n    def f():\n        break",
    "while x:\n    class A:\n        continue",
    "while x:\n    pass\nelse:\n    continue",
    "def f(a, a): pass",
    "def f(a, *, a): pass",
    "def f(a, **a): pass",
    "def f(a, /, a): pass",
    "def f(*a, a): pass",
    "g = lambda a, a: 0",
    "f(a=1, a=2)",
    "f(**a, b=1, b=2)",
    "class A(x=1, x=2): pass",
    "x = 1\nglobal x",
    "def f(a):\n    global a",
    "nonlocal x",
    "def f():\n    nonlocal x",
    "def f():\n    x: int\n    global x",
    "await x",
    "def f():\n    await x",
    "yield 1",
    "class A:\n    yield 1",
    "def f():\n    [(yield x) for x in y]",
    "def f():\n    {(yield) for x in y}",
    "def f():\n    {x: (yield) for x in y}",
    "def f():\n    return ((yield x) for x in y)",
    "def f():\n    class A:\n        yield 1",
    "def f(x=(yield)): pass",
    "@(yield)\ndef f(): pass",
    "def f() -> (yield): pass",
    "def f(x: (yield)): pass",
    "class A((yield)): pass",
    "class A(metaclass=(yield)): pass",
    "async def f():\n    yield from x",
    "async def f():\n    yield 1\n    return 2",
    "def f():\n    async with a: pass",
    "def f():\n    async for a in b: pass",
    "def f():\n    [x async for x in y]",
    "def f():\n    return [await x for x in y]",
    "import os\nfrom __future__ import annotations",
    "from __future__ import braces",
    "from __future__ import nope",
    "def f():\n    from __future__ import annotations",
    "'''doc'''\nfrom __future__ import annotations\nimport os\nfrom __future__ import division",
    "from __future__ import annotations; import os; from __future__ import division",
    "def f():\n    return\nfrom __future__ import annotations",
    "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass",
    "*a = 1",
    "a, *b, *c = d",
    "[*a, *b] = c",
    "*a",
    "x = *a",
    "__debug__ = 1",
    "del __debug__",
    "x.__debug__ = 1",
    "def __debug__(): pass",
    "f(__debug__=1)",
    "import __debug__",
    "def f(__debug__): pass",
    "for __debug__ in x: pass",
    "def f():\n    from m import *",
    "class A:\n    from m import *",
    "class A:\n    for x in y:\n        from m import *",
    "[i := 0 for i in x]",
    "class A:\n    [y := 1 for i in x]",
    "[x for i in (y := [1])]",
    "match x:\n    case a:\n        pass\n    case b:\n        pass",
    "match x:\n    case [a, a]:\n        pass",
    "try:\n    pass\nexcept* E:\n    break",
    "with " + ", ".join(f"a{i}" for i in range(25)) + ":\n    pass",
]
if sys.version_info < (3, 13):  # 3.13's compiler has no limit of nested blocks
    REFUSED.append(
        "\n".join("    " * i + "for x in y:" for i in range(21)) + "\n" + "    " * 21 + "pass"
    )


def _compiles(tree: ast.Module) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(tree, "m.py", "exec", dont_inherit=True)
    except SyntaxError:
        return False
    except (ValueError, RecursionError, MemoryError):
        pass
    return True


@pytest.mark.parametrize("source", REFUSED)
def test_what_only_the_compiler_refuses_is_still_a_syntax_error(source: str) -> None:
    tree = ast.parse(source)
    assert not _compiles(tree), "the compiler accepts it: not a case for this test"
    found = parse_source(Path("m.py"), source.encode())
    assert isinstance(found, ParseFailure) and found.message.startswith("syntax error: ")


def test_ordinary_code_is_not_compiled() -> None:
    source = (TREE / "bench" / "generate.py").read_bytes()  # a module with most statements
    info = parse_source(Path("generate.py"), source)
    assert isinstance(info, ModuleInfo)
    assert sys.version_info[:2] not in CHECKED or not can_refuse(info, source)


@pytest.mark.parametrize(
    "source",
    [
        "def f():\n    yield 1",
        "def f():\n    x = yield from g()",
        "def f():\n    def g(x=(yield)): pass",
        "def f():\n    class A((yield)): pass",
        "def f():\n    @(yield)\n    def g(): pass",
        "class A:\n    def f(self):\n        with x:\n            y = f'{(yield)}'",
    ],
)
def test_a_yield_in_a_defs_own_scope_is_not_compiled(source: str) -> None:
    """Generators are common in real plugins: a ``yield`` where the compiler accepts it (a
    ``def``'s body, or a nested ``def``'s defaults and decorators) clears the file."""
    assert _compiles(ast.parse(source))
    info = parse_source(Path("m.py"), source.encode())
    assert isinstance(info, ModuleInfo)
    assert sys.version_info[:2] not in CHECKED or not can_refuse(info, source.encode())


@pytest.mark.slow
def test_every_file_the_compiler_refuses_is_found() -> None:
    """Over the standard library's tests (they hold files only the compiler refuses) and this
    repository's test data: a file the compiler refuses is never passed unchecked."""
    roots = [Path(sysconfig.get_paths()["stdlib"]) / "test", TREE / "testdata"]
    missed, refused = [], 0
    for path in (p for root in roots for p in sorted(root.rglob("*.py"))):
        try:
            data = path.read_bytes()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(data)
        except (OSError, SyntaxError, ValueError):
            continue
        if _compiles(tree):
            continue
        refused += 1
        if not isinstance(parse_source(path, data), ParseFailure):
            missed.append(path)
    assert refused >= 5 and not missed, missed
