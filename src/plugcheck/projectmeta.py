"""What a plugin project declares about itself — name, version, dependencies, entry points —
read without running anything: ``pyproject.toml``'s ``[project]``, else ``setup.cfg``, else the
literal arguments of ``setup()`` in ``setup.py`` (parsed, never executed). A field none of them
states literally (``dynamic = ["entry-points"]``, ``entry_points=ENTRY_POINTS``) is read from the
project's installed metadata in the target environment when there is one, else said unread."""

from __future__ import annotations

import ast
import configparser
import csv
import email.parser
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from plugcheck import untrusted
from plugcheck.config import parse_toml
from plugcheck.untrusted import read_source

EntryPoints = Mapping[str, Mapping[str, tuple[str, int]]]
"""group -> entry-point name -> (value, line in the declaring file)."""

FILES = ("pyproject.toml", "setup.cfg", "setup.py")
"""The files that can declare a project, in the order they are asked."""


@dataclass(frozen=True, slots=True)
class Declared:
    """One field as far as it could be read: the value and the file that states it, or why it
    could not be read (``value`` is ``None`` then)."""

    value: Any
    source: Path | None
    unread: str | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """A project as its files declare it."""

    directory: Path
    source: Path
    """The file that names the project."""
    name: str
    version: str | None
    name_line: int
    requires: Declared
    """A tuple of requirement strings."""
    entry_points: Declared
    """:data:`EntryPoints`."""
    dynamic: tuple[str, ...] = field(default=())

    @property
    def unread(self) -> list[str]:
        return [d.unread for d in (self.requires, self.entry_points) if d.unread]


def read(directory: Path) -> Metadata | None:
    """The project in ``directory``; ``None`` when no file there names one."""
    sources = [_pyproject(directory), _setup_cfg(directory), _setup_py(directory)]
    named = [s for s in sources if s is not None and isinstance(s.get("name"), str)]
    if not named:
        return None
    first = named[0]
    dynamic = tuple(first.get("dynamic", ()))
    fields: dict[str, Declared] = {}
    for key in ("requires", "entry_points"):
        # pyproject.toml's dynamic fields come from setup.py or setup.cfg (setuptools' order).
        stated = next(
            (
                Declared(s[key], s["file"])
                for s in (first, *[s for s in sources if s is not None and s is not first])
                if s.get(key) is not None
            ),
            None,
        )
        if stated is None:
            said = "; ".join(s[f"{key}_unread"] for s in named if s.get(f"{key}_unread"))
            stated = Declared(None, None, f"{_WHAT[key]} ({said})")
        fields[key] = stated
    return Metadata(
        directory=directory,
        source=first["file"],
        name=first["name"],
        version=first.get("version"),
        name_line=first.get("name_line", 1),
        requires=fields["requires"],
        entry_points=fields["entry_points"],
        dynamic=dynamic,
    )


_WHAT = {"requires": "its dependencies", "entry_points": "its entry points"}


def with_installed(meta: Metadata, sys_path: Sequence[Path]) -> tuple[Metadata, list[str]]:
    """``meta`` with the fields its files do not state read from the project's installed
    metadata on ``sys_path`` (``pip install -e .``); what still could not be read."""
    if not meta.unread:
        return meta, []
    found = installed(meta.name, sys_path)
    if found is None:
        return meta, [
            f"{meta.source} (project {meta.name!r}): cannot read {u}, and {meta.name!r} is not "
            "installed in the target environment to read them from its metadata "
            "(`pip install -e .` there)"
            for u in meta.unread
        ]
    dist, requires, entry_points = found
    if meta.requires.value is None:
        listed = "METADATA" if dist.suffix == ".dist-info" else "requires.txt"
        meta = replace(meta, requires=Declared(requires, dist / listed))
    if meta.entry_points.value is None:
        meta = replace(meta, entry_points=Declared(entry_points, dist / "entry_points.txt"))
    return meta, []


def installed(
    name: str, sys_path: Sequence[Path]
) -> tuple[Path, tuple[str, ...], EntryPoints] | None:
    """The metadata directory of distribution ``name`` on ``sys_path`` (first wins), its
    requirements and entry points."""
    wanted = canonicalize_name(name)
    for entry in sys_path:
        try:
            candidates = sorted(entry.glob("*.*-info")) if entry.is_dir() else []
        except OSError:
            continue
        for dist in candidates:
            if dist.suffix not in (".dist-info", ".egg-info") or not dist.is_dir():
                continue
            if canonicalize_name(dist.stem.partition("-")[0]) != wanted:
                continue
            return dist, _requires_of(dist), _entry_points_txt(dist / "entry_points.txt")
    return None


def owning(path: Path, sys_path: Sequence[Path]) -> tuple[Path, tuple[str, ...]] | None:
    """The metadata directory of the installed distribution whose RECORD lists ``path`` (a
    module a host loads by path from site-packages: a Jinja2 extension, a Sphinx extension),
    and its requirements; ``None`` when no RECORD on ``sys_path`` lists it."""
    where = path.absolute()
    for entry in sys_path:
        try:
            wanted = where.relative_to(entry.absolute()).as_posix()
            candidates = sorted(entry.glob("*.dist-info"))
        except (ValueError, OSError):
            continue
        for dist in candidates:
            try:
                record = read_source(dist / "RECORD").decode("utf-8", errors="replace")
            except OSError:
                continue
            if any(row and row[0] == wanted for row in csv.reader(record.splitlines())):
                return dist, _requires_of(dist)
    return None


def entry_points_of(dist: Path) -> EntryPoints:
    """The entry points an installed distribution's metadata directory declares."""
    return _entry_points_txt(dist / "entry_points.txt")


def _requires_of(dist: Path) -> tuple[str, ...]:
    metadata = dist / ("METADATA" if dist.suffix == ".dist-info" else "PKG-INFO")
    try:
        message = email.parser.Parser().parsestr(read_source(metadata).decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return ()
    found = tuple(message.get_all("Requires-Dist") or ())
    if found or dist.suffix == ".dist-info":
        return found
    try:  # an egg-info lists them in requires.txt, extras in [sections] after
        text = read_source(dist / "requires.txt").decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    return tuple(_until_section(text.splitlines()))


def _until_section(lines: Sequence[str]) -> list[str]:
    out = []
    for line in lines:
        if line.strip().startswith("["):
            break
        if line.strip():
            out.append(line.strip())
    return out


def _entry_points_txt(path: Path) -> dict[str, dict[str, tuple[str, int]]]:
    try:
        text = read_source(path).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return _ini_entry_points(text, 0, lambda group: f"[{group}]")


def _ini_entry_points(text: str, offset: int, header: Any) -> dict[str, dict[str, tuple[str, int]]]:
    """Entry points in the INI form (``[group]`` then ``name = value`` lines)."""
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # names keep their case
    try:
        parser.read_string(text)
    except configparser.Error:
        return {}
    lines = text.splitlines()
    found: dict[str, dict[str, tuple[str, int]]] = {}
    for group in parser.sections():
        start = next((i for i, line in enumerate(lines) if line.strip() == header(group)), 0)
        found[group] = {
            name: (value.strip(), offset + _line_after(lines, start, name))
            for name, value in parser.items(group)
        }
    return found


def _line_after(lines: Sequence[str], start: int, name: str) -> int:
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    for index in range(start, len(lines)):
        if pattern.match(lines[index]):
            return index + 1
    return start + 1


# --- pyproject.toml -------------------------------------------------------------------


def _pyproject(directory: Path) -> dict[str, Any] | None:
    path = directory / "pyproject.toml"
    try:
        text = read_source(path).decode("utf-8")
        data = parse_toml(text)
    except (OSError, ValueError):  # UnicodeDecodeError and TOMLDecodeError too
        return None
    table = data.get("project")
    if not isinstance(table, dict):
        return None
    dynamic = table.get("dynamic")
    dynamic = [d for d in dynamic if isinstance(d, str)] if isinstance(dynamic, list) else []
    found: dict[str, Any] = {"file": path, "name": table.get("name"), "dynamic": dynamic}
    found["name_line"] = _line_of(text, r"^\s*name\s*=")
    if isinstance(table.get("version"), str):
        found["version"] = table["version"]
    if "dependencies" in dynamic:
        found["requires_unread"] = f'{path} says dynamic = ["dependencies"]'
    else:
        deps = table.get("dependencies", [])
        found["requires"] = (
            tuple(d for d in deps if isinstance(d, str)) if isinstance(deps, list) else ()
        )
    if "entry-points" in dynamic:
        found["entry_points_unread"] = f'{path} says dynamic = ["entry-points"]'
    else:
        eps = table.get("entry-points", {})
        found["entry_points"] = {
            group: {
                name: (value, _line_of(text, rf"^\s*\"?{re.escape(name)}\"?\s*="))
                for name, value in table_.items()
                if isinstance(value, str)
            }
            for group, table_ in (eps.items() if isinstance(eps, dict) else ())
            if isinstance(table_, dict)
        }
    return found


def _line_of(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


# --- setup.cfg ------------------------------------------------------------------------


def _setup_cfg(directory: Path) -> dict[str, Any] | None:
    path = directory / "setup.cfg"
    try:
        text = read_source(path).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # names keep their case
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    found: dict[str, Any] = {"file": path}
    if parser.has_option("metadata", "name"):
        found["name"] = parser.get("metadata", "name").strip()
        found["name_line"] = _line_of(text, r"^\s*name\s*=")
    if parser.has_option("metadata", "version"):
        version = parser.get("metadata", "version").strip()
        if not version.startswith(("attr:", "file:")):
            found["version"] = version
    if parser.has_option("options", "install_requires"):
        raw = parser.get("options", "install_requires")
        if raw.strip().startswith("file:"):
            found["requires_unread"] = f"{path} reads install_requires from a file"
        else:
            found["requires"] = tuple(_cfg_list(raw))
    if parser.has_section("options.entry_points"):
        if any(v.strip().startswith("file:") for _, v in parser.items("options.entry_points")):
            found["entry_points_unread"] = f"{path} reads its entry points from a file"
        else:
            found["entry_points"] = _cfg_entry_points(parser, text)
    return found


def _cfg_list(raw: str) -> list[str]:
    """A dangling list, one requirement a line (a single line is one requirement: its ``;``
    starts a marker)."""
    items = raw.splitlines()
    return [i.strip() for i in items if i.strip() and not i.strip().startswith("#")]


def _cfg_entry_points(
    parser: configparser.ConfigParser, text: str
) -> dict[str, dict[str, tuple[str, int]]]:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == "[options.entry_points]"), 0)
    found: dict[str, dict[str, tuple[str, int]]] = {}
    for group, raw in parser.items("options.entry_points"):
        group_line = next(
            (
                i
                for i in range(start, len(lines))
                if re.match(rf"^{re.escape(group)}\s*=", lines[i])
            ),
            start,
        )
        found[group] = {}
        for item in raw.splitlines():
            name, eq, value = item.partition("=")
            if eq and name.strip():
                line = _line_after(lines, group_line + 1, name.strip())
                found[group][name.strip()] = (value.strip(), line)
    return found


# --- setup.py -------------------------------------------------------------------------


def _setup_py(directory: Path) -> dict[str, Any] | None:
    path = directory / "setup.py"
    try:
        tree = untrusted.parse(read_source(path), str(path))
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    call = next(
        (
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "setup")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "setup")
            )
        ),
        None,
    )
    if call is None:
        return None
    keywords = {k.arg: k.value for k in call.keywords if k.arg is not None}
    spread = any(k.arg is None for k in call.keywords)
    found: dict[str, Any] = {"file": path}
    for key, into in (("name", "name"), ("version", "version")):
        value = keywords.get(key)
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            found[into] = value.value
            if key == "name":
                found["name_line"] = value.lineno
    requires = keywords.get("install_requires")
    if requires is not None:
        literal = _literal(requires)
        if isinstance(literal, list | tuple) and all(isinstance(r, str) for r in literal):
            found["requires"] = tuple(literal)
        else:
            found["requires_unread"] = f"{path}:{requires.lineno} computes install_requires="
    elif spread:
        found["requires_unread"] = f"{path}:{call.lineno} passes setup() **keywords"
    else:
        found["requires"] = ()
    eps = keywords.get("entry_points")
    if eps is not None:
        read = _setup_entry_points(eps)
        if read is None:
            found["entry_points_unread"] = f"{path}:{eps.lineno} computes entry_points="
        else:
            found["entry_points"] = read
    elif spread:
        found["entry_points_unread"] = f"{path}:{call.lineno} passes setup() **keywords"
    else:
        found["entry_points"] = {}
    return found


def _literal(node: ast.expr) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _setup_entry_points(node: ast.expr) -> dict[str, dict[str, tuple[str, int]]] | None:
    """``entry_points=`` as a literal dict of group -> list of ``"name = value"`` (or one such
    string, or the INI text); ``None`` when it is not a literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _ini_entry_points(node.value, node.lineno - 1, lambda group: f"[{group}]")
    if not isinstance(node, ast.Dict):
        return None
    found: dict[str, dict[str, tuple[str, int]]] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None
        items = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
        group: dict[str, tuple[str, int]] = {}
        for item in items:
            if not (isinstance(item, ast.Constant) and isinstance(item.value, str)):
                return None
            for text in item.value.splitlines():
                name, eq, target = text.partition("=")
                if eq and name.strip():
                    group[name.strip()] = (target.strip(), item.lineno)
        found[key.value] = group
    return found


def source_roots(directory: Path) -> list[Path]:
    """The folders a project's build configuration takes its packages from, as written in its
    ``pyproject.toml`` (setuptools ``package-dir`` and ``packages.find.where``, hatch's wheel
    ``packages``, poetry's ``packages`` ``from``, pdm's ``package-dir``) or ``setup.cfg``
    (``package_dir``, ``packages.find`` ``where``): a ``lib/`` layout is imported from
    ``lib/``, not from the project's directory. Only folders inside the project."""
    found: list[object] = []
    try:
        data = parse_toml(read_source(directory / "pyproject.toml").decode("utf-8"))
    except (OSError, ValueError):
        data = {}
    tool = _table(data, "tool")
    setuptools = _table(tool, "setuptools")
    mapping = setuptools.get("package-dir")
    if isinstance(mapping, dict) and isinstance(mapping.get(""), str):
        found.append(mapping[""])
    where = _table(_table(setuptools, "packages"), "find").get("where")
    found += [w for w in where if isinstance(w, str)] if isinstance(where, list) else []
    wheel = _table(_table(_table(_table(tool, "hatch"), "build"), "targets"), "wheel")
    packages = wheel.get("packages")
    if isinstance(packages, list):
        found += [str(Path(p).parent) for p in packages if isinstance(p, str)]
    poetry = _table(tool, "poetry").get("packages")
    if isinstance(poetry, list):
        found += [
            p["from"] for p in poetry if isinstance(p, dict) and isinstance(p.get("from"), str)
        ]
    pdm = _table(_table(tool, "pdm"), "build").get("package-dir")
    found += [pdm] if isinstance(pdm, str) else []
    cfg = configparser.ConfigParser(interpolation=None)
    try:
        cfg.read_string(read_source(directory / "setup.cfg").decode("utf-8"))
        raw = cfg.get("options", "package_dir", fallback="")
        found += [
            v.strip()
            for k, _, v in (line.partition("=") for line in raw.splitlines())
            if not k.strip() and v.strip()
        ]
        found += _cfg_list(cfg.get("options.packages.find", "where", fallback=""))
    except (OSError, UnicodeDecodeError, configparser.Error):
        pass
    base = directory.absolute()
    roots: list[Path] = []
    for entry in found:
        if not isinstance(entry, str) or entry.strip() in ("", "."):
            continue
        root = (base / entry).resolve()
        if root.is_relative_to(base.resolve()) and root.is_dir():
            roots.append(base / entry)
    return list(dict.fromkeys(roots))


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}
