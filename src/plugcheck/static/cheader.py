"""The function prototypes a C header declares, parsed with pycparser after the system cpp.

System headers are replaced by one small set of typedefs (``-nostdinc``), as pycparser's
own fake libc does, because pycparser cannot parse glibc's GNU extensions. When a header
needs a type the fakes lack, the real system headers are tried with the GNU extensions
defined away.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class HeaderError(Exception):
    """The header cannot be preprocessed or parsed; the message is one line."""


@dataclass(frozen=True, slots=True)
class Prototype:
    name: str
    line: int
    path: Path
    text: str
    """The declaration as C (``int plugin_run(void)``)."""
    variable: bool = False
    """An ``extern`` variable (``extern const plugin_info PLUGIN;``), not a function."""


_GNU_AWAY = [
    "-D__attribute__(x)=",
    "-D__extension__=",
    "-D__restrict=",
    "-D__restrict__=",
    "-D__inline=",
    "-D__inline__=",
    "-D__asm__(x)=",
    "-D__asm(x)=",
    "-D__declspec(x)=",
    "-D__builtin_va_list=int",
    "-D_Noreturn=",
    "-D__THROW=",
    "-D_Static_assert(x,y)=",
    "-D__float128=long double",
    "-D_Float128=long double",
    "-D_Float64=double",
    "-D_Float32=float",
    "-D_Float64x=long double",
    "-D_Float32x=double",
]

_FAKE = """\
#ifndef _PLUGCHECK_FAKE_LIBC
#define _PLUGCHECK_FAKE_LIBC
#define NULL 0
#define bool _Bool
#define true 1
#define false 0
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
typedef unsigned long size_t;
typedef long ssize_t;
typedef long ptrdiff_t;
typedef int wchar_t;
typedef unsigned int wint_t;
typedef signed char int8_t;
typedef short int16_t;
typedef int int32_t;
typedef long long int64_t;
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;
typedef signed char int_least8_t;
typedef short int_least16_t;
typedef int int_least32_t;
typedef long long int_least64_t;
typedef unsigned char uint_least8_t;
typedef unsigned short uint_least16_t;
typedef unsigned int uint_least32_t;
typedef unsigned long long uint_least64_t;
typedef signed char int_fast8_t;
typedef long int_fast16_t;
typedef long int_fast32_t;
typedef long long int_fast64_t;
typedef unsigned char uint_fast8_t;
typedef unsigned long uint_fast16_t;
typedef unsigned long uint_fast32_t;
typedef unsigned long long uint_fast64_t;
typedef long intptr_t;
typedef unsigned long uintptr_t;
typedef long long intmax_t;
typedef unsigned long long uintmax_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef long time_t;
typedef long clock_t;
typedef int sig_atomic_t;
typedef struct _plugcheck_FILE FILE;
typedef int va_list;
typedef int __gnuc_va_list;
typedef struct { long long __a; long double __b; } max_align_t;
#endif
"""

_LINE_DIRECTIVE = re.compile(r"^[ \t]*#[ \t]*line\b.*$", re.MULTILINE)
_INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)


def find_cpp() -> list[str] | None:
    """The system C preprocessor as a command prefix, or ``None``."""
    for name, args in (("cpp", []), ("gcc", ["-E"]), ("cc", ["-E"]), ("clang", ["-E"])):
        found = shutil.which(name)
        if found:
            return [found, *args]
    return None


def prototypes(header: Path, include_dirs: tuple[Path, ...] = ()) -> list[Prototype]:
    """Every external function and ``extern`` variable declared in ``header`` (and the project
    headers it includes); ``static`` and ``inline`` definitions emit no dynamic symbol."""
    cpp = find_cpp()
    if cpp is None:
        raise HeaderError("no C preprocessor found (cpp, gcc, cc or clang); install gcc")
    try:
        from pycparser import (  # type: ignore[import-untyped]  # pycparser ships no stubs
            c_ast,
            c_generator,
            c_parser,
        )
    except ImportError:
        raise HeaderError("pycparser is not installed") from None
    own_dirs = (header.parent.resolve(), *(d.resolve() for d in include_dirs))
    includes = [f"-I{d}" for d in own_dirs]
    with tempfile.TemporaryDirectory(prefix="plugcheck-libc-") as fake:
        _write_fakes(Path(fake), header, own_dirs)
        # cgo's generated headers carry `#line` directives that would hide the real lines.
        copy = Path(fake) / "_plugcheck_header.h"
        copy.write_text(_LINE_DIRECTIVE.sub("", _read(header)))
        attempts = [
            [*cpp, "-nostdinc", f"-I{fake}", *includes, *_GNU_AWAY, str(copy)],
            [*cpp, *includes, *_GNU_AWAY, str(copy)],
        ]
        problems = []
        for command in attempts:
            text, problem = _preprocess(command)
            if text is None:
                problems.append(problem.replace(str(copy), str(header)))
                continue
            try:
                ast = c_parser.CParser().parse(text, str(header))
            except Exception as exc:  # pycparser raises ParseError and lexer errors
                where = str(exc).replace(str(copy), str(header))
                hint = " (a type name C does not know here? include its header)"
                problems.append(f"cannot parse: {where}" + (hint if "before:" in where else ""))
                continue
            return _collect(ast, header.resolve(), copy, own_dirs, c_ast, c_generator)
    raise HeaderError(f"{header}: {problems[0]}")


def _preprocess(command: list[str]) -> tuple[str | None, str]:
    try:
        proc = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"preprocessor failed: {exc}"
    if proc.returncode != 0:
        lines = [ln for ln in proc.stderr.splitlines() if "error" in ln] or ["failed"]
        return None, f"preprocessor: {lines[0].strip()}"
    return proc.stdout, ""


def _write_fakes(fake: Path, header: Path, own_dirs: tuple[Path, ...]) -> None:
    """One fake for every ``<system>`` header named by the project's headers."""
    (fake / "_plugcheck_fake.h").write_text(_FAKE)
    pending, seen = [header], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            text = current.read_text(errors="replace")
        except OSError:
            continue
        for style, name in _INCLUDE.findall(text):
            local = next(
                (d / name for d in (current.parent, *own_dirs) if (d / name).is_file()), None
            )
            if style == '"' and local is not None:
                pending.append(local)
                continue
            target = fake / name
            if ".." in Path(name).parts or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text('#include "_plugcheck_fake.h"\n'.replace('"_', f'"{fake}/_'))


def _read(header: Path) -> str:
    try:
        return header.read_text(errors="replace")
    except OSError as exc:
        raise HeaderError(f"{header}: cannot read: {exc.strerror or exc}") from None


def _collect(
    ast: Any,
    header: Path,
    copy: Path,
    own_dirs: tuple[Path, ...],
    c_ast: Any,
    c_generator: Any,
) -> list[Prototype]:
    generator = c_generator.CGenerator()
    found: dict[str, Prototype] = {}
    for node in ast.ext:
        decl = node.decl if isinstance(node, c_ast.FuncDef) else node
        if not isinstance(decl, c_ast.Decl) or decl.coord is None or not decl.name:
            continue
        storage = decl.storage or []
        function = isinstance(decl.type, c_ast.FuncDecl)
        if "static" in storage or (function and "inline" in (decl.funcspec or [])):
            continue  # internal linkage, or an inline definition that emits no symbol
        if not function and "extern" not in storage:
            continue
        path = Path(decl.coord.file).resolve()
        if path == copy.resolve():
            path = header
        if not any(path.is_relative_to(d) for d in own_dirs):
            continue
        if decl.name not in found:
            text = " ".join(generator.visit(decl).split())  # one line, for messages
            found[decl.name] = Prototype(decl.name, decl.coord.line, path, text, not function)
    return sorted(found.values(), key=lambda p: (str(p.path), p.line))
