"""The target interpreter's start-up code, run where the host would have it run but never before
a plugin process is confined: the ``import`` lines of the ``.pth`` files in its site directories
and ``sitecustomize``. The fork server is started with ``-I -S`` (``site`` does not run there,
so no distribution's code runs before confinement: red team finding 6); each child runs them
after it is confined and before its plugin is imported, as the host's interpreter ran them
before the host. ``sys.path`` needs no ``site``: plugcheck passes the target's own, which the
environment query read with ``site``.

Standard library only, no relative imports.
"""

from __future__ import annotations

import contextlib
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SITE_DIRS = ("site-packages", "dist-packages")
"""The folder names of site directories, where ``site`` reads ``.pth`` files."""
MAX_PTH = 1 << 20
"""Bytes read of one ``.pth`` file."""


def site_dirs(path: list[str]) -> list[str]:
    """The site directories among ``path`` (the target's ``sys.path``), in its order."""
    return [p for p in path if os.path.basename(os.path.normpath(p)) in SITE_DIRS]


def import_lines(path: list[str]) -> list[tuple[str, str]]:
    """``(sitedir, line)`` for each ``import`` line of the ``.pth`` files in the site
    directories of ``path``, in the order ``site`` runs them (read, never run, here)."""
    return [(sitedir, line) for sitedir, line in _pth_lines(path) if _runs(line)]


def _pth_lines(path: list[str]) -> list[tuple[str, str]]:
    """``(sitedir, line)`` for each line of the ``.pth`` files in the site directories of
    ``path``, in the order ``site`` reads them."""
    found = []
    for sitedir in site_dirs(path):
        try:
            names = sorted(os.listdir(sitedir))
        except OSError:
            continue
        for name in names:
            if not name.endswith(".pth") or name.startswith("."):
                continue
            data = _regular(os.path.join(sitedir, name))
            if data is not None:
                text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n")
                # The lines site reads: str.splitlines() also ends one at a form feed, \x1c,
                # U+2028, ..., and `import os;\fhidden()` ran only `import os;` here while the
                # host's interpreter ran both (red team red56).
                found += [(sitedir, line) for line in text.replace("\r", "\n").split("\n")]
    return found


def _regular(file: str) -> bytes | None:
    """The first :data:`MAX_PTH` bytes of ``file`` if it is a regular file (``None`` for
    anything else: a FIFO named ``x.pth`` blocked whoever read it, plugcheck's own process
    too, for ever)."""
    import stat

    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    with open(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            return handle.read(MAX_PTH)
        except OSError:
            return None


def _runs(line: str) -> bool:
    return line.startswith(("import ", "import\t"))


def claimed(path: list[str]) -> set[str]:
    """The folders an installed distribution names for ``path`` (the target's ``sys.path``):
    each ``.pth`` path line of its site directories, as ``site`` adds it, and each editable
    finder's ``MAPPING`` path that is no module or regular package. A distribution may name
    any folder there (``/root``, a home's ``.config/gh``), and each was readable by every
    plugin process (red team red51)."""
    found = {
        os.path.normpath(os.path.join(sitedir, line.rstrip()))
        for sitedir, line in _pth_lines(path)
        if line.strip() and not line.startswith("#") and not _runs(line)
    }
    mapped = {os.path.normpath(p) for p in finder_paths(path)}
    return found | {p for p in mapped if not _code(p)}


def readable_entries(path: list[str], granted: list[Any]) -> list[str]:
    """The entries of ``path`` a plugin process may read: :func:`unclaimed` with the site
    directories of ``path`` granted besides ``granted`` (paths)."""
    return unclaimed(path, claimed(path), [*map(str, granted), *site_dirs(path)])


def _code(path: str) -> bool:
    """Whether ``path`` is a module or a regular package (its ``__init__.py``): what an
    editable finder maps a name to, never a folder of credentials."""
    if os.path.isdir(path):
        return os.path.isfile(os.path.join(path, "__init__.py"))
    return path.endswith(".py") and os.path.isfile(path)


def unclaimed(paths: list[str], claims: set[str], granted: list[str]) -> list[str]:
    """``paths`` but the ``claims`` (:func:`claimed`) that lie in none of ``granted`` (the
    host's folders, the plugins' roots, the site directories, the interpreter's prefixes):
    what only a distribution's word makes readable. An editable install's sources outside
    those stay unreadable to plugin processes (an import from there is refused, PC420). Real
    paths: a read rule follows a link (``site-packages/x -> /root``), the kernel never walks
    up through one."""
    roots = [os.path.realpath(g) for g in granted]

    def inside(path: str) -> bool:
        return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    return [p for p in paths if os.path.normpath(p) not in claims or inside(os.path.realpath(p))]


def finder_paths(path: list[str]) -> list[str]:
    """Where setuptools' editable finders in the site directories of ``path`` map their
    packages (``MAPPING`` of ``__editable___*_finder.py``, read without running it): an
    editable install's sources lie outside ``sys.path``, and the finder is installed only by
    the ``.pth`` line each child runs after it is confined."""
    found: list[str] = []
    for sitedir in site_dirs(path):
        try:
            names = [n for n in os.listdir(sitedir) if n.startswith("__editable__")]
        except OSError:
            continue
        for name in names:
            if name.endswith("_finder.py"):
                found += list(mapping(os.path.join(sitedir, name)).values())
    return found


def mapping(file: str) -> dict[str, str]:
    """The ``MAPPING`` (top-level name: its path) of setuptools' editable finder ``file``."""
    import ast  # only where an editable install is

    data = _regular(file)
    try:
        tree = ast.parse(data if data is not None else b"")
    except (SyntaxError, ValueError):
        return {}
    for node in tree.body:
        target: ast.expr | None = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        value = getattr(node, "value", None)
        if isinstance(target, ast.Name) and target.id == "MAPPING" and value is not None:
            try:
                found: Any = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, RecursionError):
                return {}
            if isinstance(found, dict):
                return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}
    return {}


def venv_prefix() -> None:
    """``sys.prefix`` and ``sys.exec_prefix`` of a virtual environment, which ``site.venv()``
    sets and ``-S`` leaves at the base interpreter's: a host in a venv finds its data files
    there (Jupyter's templates under ``sys.prefix/share/jupyter``). The rest of ``venv()`` adds
    the site directory and runs its ``.pth`` files: the paths come from the query, the lines
    run in each child."""
    import sys

    exe_dir = os.path.dirname(os.path.abspath(sys.executable))
    prefix = os.path.dirname(exe_dir)
    conf = (os.path.join(exe_dir, "pyvenv.cfg"), os.path.join(prefix, "pyvenv.cfg"))
    if any(os.path.isfile(c) for c in conf):
        sys.prefix = sys.exec_prefix = prefix


def site_builtins() -> None:
    """What ``site`` adds to builtins besides the paths (``exit``, ``quit``, ``help``,
    ``copyright``...), which ``-S`` leaves out: a plugin calling ``exit()`` gets what it gets
    in the host."""
    try:
        import site
    except ImportError:
        return
    for name in ("setquit", "setcopyright", "sethelper"):
        setter = getattr(site, name, None)
        if callable(setter):
            try:
                setter()
            except Exception:
                continue


def compiled(lines: list[tuple[str, str]]) -> list[tuple[str, Any]]:
    """(server) ``lines`` with each line compiled as ``exec(line)`` in ``_addpackage`` compiles
    it (same file name, same inherited flags): compiling runs none of a line's code, and each
    plugin process then only runs it. A line that does not compile cleanly (a syntax error, a
    warning) stays text, for the child's ``exec`` to report as before."""
    import warnings

    found: list[tuple[str, Any]] = []
    for sitedir, line in lines:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                found.append((sitedir, compile(line, "<string>", "exec")))
        except Exception:
            found.append((sitedir, line))
    return found


def run(lines: list[tuple[str, Any]]) -> None:
    """(child, confined) Run the ``.pth`` import lines (text, or code from ``compiled``), then
    ``sitecustomize``, as ``site`` does: a line that raises is written to stderr and the next
    one runs."""
    for sitedir, line in lines:
        _addpackage(sitedir, line)
    try:
        __import__("sitecustomize")
    except ImportError as exc:
        if getattr(exc, "name", None) != "sitecustomize":
            _said("sitecustomize", exc)
    except Exception as exc:
        _said("sitecustomize", exc)


def _addpackage(sitedir: str, line: Any) -> None:
    """One line, run as ``site.addpackage`` runs it (``sys._getframe(1).f_locals['sitedir']``
    is the site directory: setuptools' ``-nspkg.pth`` lines read it)."""
    try:
        exec(line)
    except Exception as exc:
        _said(f"a .pth line in {sitedir}", exc)


def _said(where: str, exc: BaseException) -> None:
    with contextlib.suppress(Exception):
        os.write(2, f"Error processing {where}: {type(exc).__name__}: {exc}\n".encode()[:2000])
