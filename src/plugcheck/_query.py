"""Asks an interpreter about itself: sys.path, entry points, module files. Stdlib only.

Run by path in the target interpreter (``python _query.py GROUP...``) so that plugcheck need
not be installed there; imported directly when the target is the running interpreter. Nothing
here imports plugin code: modules are located with ``find_spec`` on top-level names only.

Its answer, one JSON object, is a ``Description`` (with one ``EntryPointFacts`` per entry
point); plugcheck (``environment.py``) reads it back with ``query_answer.parse_description``,
which checks every key's type, so a target that prints something else is a one-line error, not
a crash.
"""

from __future__ import annotations

import fnmatch
import importlib.machinery
import importlib.metadata
import importlib.util
import json
import os
import re
import stat
import sys
import sysconfig
from typing import Any, TypedDict


class EntryPointFacts(TypedDict):
    """One entry point of the queried groups, with the distribution that declares it."""

    name: str
    group: str
    value: str
    module_file: str | None
    """The module's file, located without importing it (``None``: not found)."""
    dist_name: str | None
    dist_version: str | None
    dist_path: str | None
    requires: list[str]
    dynamic: list[str]


class Description(TypedDict):
    """The interpreter, as ``describe`` tells it."""

    executable: str
    version: list[int]
    implementation: str
    maxsize: int
    sys_path: list[str]
    ext_suffix: str | None
    platform: str
    entry_points: list[EntryPointFacts]
    extension_suffixes: list[str]
    markers: dict[str, str]
    tags: list[str] | None
    distributions: dict[str, str]
    unreadable: list[str]
    unchecked: list[Unchecked]
    requirements: dict[str, list[str]]
    """Each distribution's ``Requires-Dist`` names (normalised; markers and extras not read)."""
    entry_modules: dict[str, list[str]]
    """The modules each distribution's entry points name, in every group (not only those
    asked) but programs': the fork server's guard keeps a plugin's other entry points out of
    it too."""


class Unchecked(TypedDict):
    """An entry point of the queried groups in a distribution whose metadata cannot be read:
    the host's ``entry_points()`` reads only ``entry_points.txt`` and loads it; plugcheck cannot
    describe it. ``group`` ``None``: its ``entry_points.txt`` cannot be read either, so any
    queried group may be one it provides."""

    dist: str
    reason: str
    file: str
    line: int
    group: str | None
    name: str | None


def locate(module: str) -> str | None:
    """The source file (or package ``__init__``/directory) of ``module``, without importing it."""
    top, _, rest = module.partition(".")
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None:
        spec = _editable(top)
    if spec is None:
        return None
    if not rest:
        if spec.origin and spec.origin not in ("built-in", "frozen", "namespace"):
            return spec.origin
        locations = list(spec.submodule_search_locations or [])
        return locations[0] if locations else None
    search = list(spec.submodule_search_locations or [])
    parts = rest.split(".")
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        found = None
        for directory in search:
            package = os.path.join(directory, part)
            if os.path.isfile(os.path.join(package, "__init__.py")):
                found = os.path.join(package, "__init__.py")
                search = [package]
                break
            if last and os.path.isfile(package + ".py"):
                return package + ".py"
            if os.path.isdir(package):
                found = package
                search = [package]
                break
        if found is None:
            return None
        if last:
            return found
    return None


_MAPPED: dict[str, str] = {}
"""Top-level names setuptools' editable finders map, and where (read, not run: ``_site``)."""


def _editable(top: str) -> importlib.machinery.ModuleSpec | None:
    """Where an editable install's finder would find ``top``: its finder is installed by a
    ``.pth`` import line, which this query does not run (``_site``)."""
    where = _MAPPED.get(top)
    if where is None:
        return None
    if os.path.isdir(where):
        init = os.path.join(where, "__init__.py")
        origin = init if os.path.isfile(init) else None
        return (
            importlib.util.spec_from_file_location(top, origin, submodule_search_locations=[where])
            if origin
            else importlib.machinery.ModuleSpec(top, None, is_package=True)
        )
    return importlib.util.spec_from_file_location(top, where)


def _site() -> None:
    """What ``site`` does to ``sys.path`` (the venv, user and site directories, the ``.pth``
    files' path lines) without running any code of the environment: the query is started
    with ``-S`` and runs ``site.main()`` itself with the ``.pth`` files' ``import`` lines and
    ``sitecustomize`` left out (red team finding 6: a distribution's line ran here, outside any
    confinement). Editable installs' finders are read from their files instead."""
    import site

    vars(site)["exec"] = lambda *args: None  # site.addpackage runs an import line with exec
    site.execsitecustomize = site.execusercustomize = lambda: None
    try:
        site.main()
    finally:
        vars(site).pop("exec", None)
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness", "worker")
    spec = importlib.util.spec_from_file_location("_plugcheck_startup", f"{here}/startup.py")
    if spec is None or spec.loader is None:
        return
    startup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(startup)
    for sitedir in startup.site_dirs(sys.path):
        try:
            names = [n for n in os.listdir(sitedir) if n.startswith("__editable__")]
        except OSError:
            continue
        for name in sorted(names):
            if name.endswith("_finder.py"):
                for top, where in startup.mapping(os.path.join(sitedir, name)).items():
                    _MAPPED.setdefault(top, where)


def _marker_environment() -> dict[str, str]:
    """PEP 508 marker variables of this interpreter (what ``packaging.markers`` computes)."""
    import platform

    info = sys.implementation.version
    impl_version = f"{info.major}.{info.minor}.{info.micro}"
    if info.releaselevel != "final":
        impl_version += info.releaselevel[0] + str(info.serial)
    return {
        "implementation_name": sys.implementation.name,
        "implementation_version": impl_version,
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "platform_python_implementation": platform.python_implementation(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    }


GROUP_PATTERN = "--group-pattern="
"""Marks, among the groups asked for, an ``fnmatch`` pattern: every group it matches is asked."""


class Asked:
    """The groups a query asks for: names, and groups :data:`GROUP_PATTERN` patterns match."""

    def __init__(self, groups: list[str]) -> None:
        self.names = [g for g in groups if not g.startswith(GROUP_PATTERN)]
        self.patterns = [g[len(GROUP_PATTERN) :] for g in groups if g.startswith(GROUP_PATTERN)]

    def __contains__(self, group: object) -> bool:
        if not isinstance(group, str):
            return False
        return group in self.names or any(fnmatch.fnmatchcase(group, p) for p in self.patterns)

    def __bool__(self) -> bool:
        return bool(self.names or self.patterns)


PACKAGING = "--packaging="
"""``_query.py --packaging=DIR GROUP...``: the folder plugcheck's own ``packaging`` lies in."""


def _supported_tags(trusted: str | None = None) -> list[str] | None:
    """Wheel tags this interpreter accepts, best first; ``None`` when packaging is unavailable.

    In a target interpreter (``trusted``: the folder plugcheck's own ``packaging`` lies in) it
    is imported from there, with only the standard library before it on ``sys.path``: the
    target's ``site-packages`` hold the plugins' distributions, and one that shipped a
    top-level ``packaging`` ran here, unconfined, as plugcheck's user (red team sand19)."""
    if trusted is not None:
        return _tags_from(trusted)
    try:
        from packaging import tags
    except ImportError:
        try:
            from pip._vendor.packaging import tags  # type: ignore[no-redef, unused-ignore]  # pip's copy when packaging is absent
        except ImportError:
            return None
    return [str(tag) for tag in tags.sys_tags()]


def _tags_from(folder: str) -> list[str] | None:
    saved = sys.path[:]
    stdlib = {os.path.realpath(sysconfig.get_path(k)) for k in ("stdlib", "platstdlib")}
    sys.path[:] = [
        p
        for p in saved
        if p
        and (
            os.path.realpath(p) in stdlib
            or (
                os.path.dirname(os.path.realpath(p)) in stdlib
                and os.path.basename(p) == "lib-dynload"
            )
        )
    ]
    sys.path.append(folder)
    try:
        from packaging import tags
    except ImportError:
        return None
    finally:
        sys.path[:] = saved
    return [str(tag) for tag in tags.sys_tags()]


_UNREADABLE = (OSError, UnicodeDecodeError, ValueError)
"""What reading a broken distribution's METADATA or entry_points.txt raises."""


METADATA_LIMIT = 32 * 1024 * 1024
"""Most bytes of a distribution's metadata file the query reads (as ``untrusted.SOURCE_LIMIT``
for sources): a 250 MB ``METADATA`` held the query 60 s and 2.3 GB (red team sandbox13)."""


def not_read(dist: Any) -> str | None:
    """Why ``dist``'s metadata is not read: a file of it past :data:`METADATA_LIMIT`, or one
    that is not a regular file (a FIFO blocked the query's read, and plugcheck itself where it
    describes its own interpreter, for ever)."""
    path = getattr(dist, "_path", None)
    if path is None:
        return None
    for name in ("METADATA", "PKG-INFO", "entry_points.txt"):
        why = _file_not_read(os.path.join(str(path), name))
        if why is not None:
            return f"{name}: {why}"
    return None


def _file_not_read(file: str) -> str | None:
    """Why the metadata file ``file`` is not read (past :data:`METADATA_LIMIT`, or not a
    regular file); ``None`` for one that is read, or is not there."""
    try:
        found = os.stat(file)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(found.st_mode) and not stat.S_ISDIR(found.st_mode):
        return "not a regular file"
    if found.st_size > METADATA_LIMIT:
        limit = METADATA_LIMIT >> 20
        return f"{found.st_size:,} bytes, more than the {limit} MiB plugcheck reads"
    return None


def _declared(path: Any, groups: Asked | list[str]) -> list[tuple[str, str, int]] | None:
    """The (group, name, line) of each entry point of ``groups`` in the ``entry_points.txt`` of
    the distribution folder ``path``, read as ``importlib.metadata`` reads it (sections, then
    ``name = value``); ``None`` when it cannot be read (too large, not UTF-8, not a folder)."""
    if path is None:
        return None
    file = os.path.join(str(path), "entry_points.txt")
    if _file_not_read(file) is not None or os.path.isdir(file):
        return None
    try:
        with open(file, encoding="utf-8") as handle:
            text = handle.read(METADATA_LIMIT + 1)
    except FileNotFoundError:
        return []
    except _UNREADABLE:
        return None
    found: list[tuple[str, str, int]] = []
    section = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section is not None and section in groups and "=" in line:
            found.append((section, line.partition("=")[0].strip(), number))
    return found


def _unchecked(dist: Any, reason: str, groups: Asked) -> list[Unchecked]:
    """What of the unreadable ``dist`` a host of ``groups`` may load (see :class:`Unchecked`)."""
    path = getattr(dist, "_path", None)
    declared = _declared(path, groups)
    where = str(path) if path is not None else str(dist)
    if declared is None:
        if not groups:
            return []
        metadata = os.path.join(where, "entry_points.txt")
        if path is None or not os.path.exists(metadata):
            metadata = where
        return [Unchecked(dist=where, reason=reason, file=metadata, line=1, group=None, name=None)]
    file = os.path.join(where, "entry_points.txt")
    return [
        Unchecked(dist=where, reason=reason, file=file, line=line, group=group, name=name)
        for group, name, line in declared
    ]


_LITERAL = re.compile(r"""[bBuU]?(['"])(.+)\1""")


def intended_group(spelled: str) -> str | None:
    """The group an entry-point section spelled as a Python string literal names (``b'g'``:
    a setup.py that wrote ``str(b"g")`` under Python 3); ``None`` for any other spelling."""
    match = _LITERAL.fullmatch(spelled.strip())
    return match.group(2) if match else None


def _misfiled(dist: Any, eps: list[Any], groups: Asked) -> list[Unchecked]:
    """The entry points of ``dist`` under a literal spelling of one of ``groups``: the host's
    ``entry_points(group=...)`` never returns them (see :func:`intended_group`)."""
    found: list[Unchecked] = []
    path = getattr(dist, "_path", None)
    for spelled in sorted({ep.group for ep in eps if intended_group(ep.group) in groups}):
        where = str(path) if path is not None else str(dist)
        lines = {name: line for _, name, line in _declared(path, [spelled]) or []}
        found += [
            Unchecked(
                dist=where,
                reason=f"its entry_points.txt declares the group as {spelled}",
                file=os.path.join(where, "entry_points.txt"),
                line=lines.get(ep.name, 1),
                group=spelled,
                name=ep.name,
            )
            for ep in eps
            if ep.group == spelled
        ]
    return found


def _distributions() -> dict[str, str]:
    """Installed distributions: normalised name -> version (first on sys.path wins)."""
    found: dict[str, str] = {}
    for dist in importlib.metadata.distributions():
        if not_read(dist) is not None:
            continue  # reported by describe()
        try:
            metadata = _read(dist)[0]
            name = metadata["Name"]
        except _UNREADABLE:
            continue  # reported by describe()
        if name:
            found.setdefault(re.sub(r"[-_.]+", "-", name).lower(), metadata["Version"])
    return found


_STAMPED = ("", "METADATA", "PKG-INFO", "entry_points.txt", "requires.txt")
"""What a distribution's reading is read from: its folder (or ``.egg-info`` file) and files."""
_READS: dict[str, tuple[list[tuple[int, ...]], tuple[Any, list[Any]]]] = {}


def _read(dist: Any) -> tuple[Any, list[Any]]:
    """``dist.metadata`` and ``dist.entry_points``, parsed once per process while their files
    keep device, inode, size and mtime: METADATA's email parse was most of a description's
    cost, twice per distribution, again in each description of the same process (the API)."""
    path = getattr(dist, "_path", None)
    if path is None:
        return dist.metadata, list(dist.entry_points)
    where = str(path)
    stamp = [_stat_of(os.path.join(where, name) if name else where) for name in _STAMPED]
    known = _READS.get(where)
    if known is not None and known[0] == stamp:
        return known[1]
    read = (dist.metadata, list(dist.entry_points))
    _READS[where] = (stamp, read)
    return read


def _stat_of(file: str) -> tuple[int, ...]:
    try:
        found = os.stat(file)
    except (OSError, ValueError):
        return ()
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)


def _requires(dist: Any, metadata: Any) -> list[str]:
    """``dist.requires`` from the metadata :func:`_read` parsed: ``Requires-Dist``, else an
    ``.egg-info``'s ``requires.txt`` (``dist.requires`` parses METADATA again first)."""
    listed = metadata.get_all("Requires-Dist")
    if listed:
        return list(listed)
    egg = getattr(dist, "_read_egg_info_reqs", None)
    return list((egg() if callable(egg) else dist.requires) or [])


def describe(asked_for: list[str], trusted: str | None = None) -> Description:
    """The interpreter, its environment and the entry points of the groups ``asked_for`` (see
    :class:`Asked`); ``trusted``: see :func:`_supported_tags`."""
    groups = Asked(asked_for)
    entry_points: list[EntryPointFacts] = []
    # As importlib.metadata.entry_points() does: one distribution per normalised name, the first
    # on sys.path (an editable install's metadata in site-packages and the .egg-info left in its
    # source tree are one distribution).
    unique: dict[str, tuple[Any, list[Any], Any, Any]] = {}
    unreadable: list[str] = []
    unchecked: list[Unchecked] = []
    requirements: dict[str, list[str]] = {}

    def unread(dist: Any, reason: str) -> None:
        candidates = _unchecked(dist, reason, groups)
        if candidates:
            unchecked.extend(candidates)
        else:
            unreadable.append(f"{getattr(dist, '_path', None) or dist}: {reason}")

    for dist in importlib.metadata.distributions():
        oversized = not_read(dist)
        if oversized is not None:
            unread(dist, oversized)
            continue
        try:
            # Once per distribution, not per entry point (50,000 read METADATA 100,000 times).
            metadata, eps = _read(dist)
            name = re.sub(r"[-_.]+", "-", metadata["Name"] or "").lower()
            # Read now: a distribution whose files are not UTF-8 raises here, not later.
            read = (dist, eps, metadata["Name"], metadata["Version"])
            required = _names(metadata.get_all("Requires-Dist") or [])
        except _UNREADABLE as exc:
            unread(dist, f"{type(exc).__name__}: {exc}")
            continue
        unique.setdefault(name or str(id(dist)), read)
        if name:
            requirements.setdefault(name, required)
    for dist, eps, _, _ in unique.values():
        unchecked += _misfiled(dist, eps, groups)
    # Each group named, in turn; then the others a pattern matches.
    for group in [*groups.names, None] if groups.patterns else groups.names:
        for dist, eps, dist_name, version in unique.values():
            requires: list[str] | None = None
            for ep in eps:
                if group is None:
                    if ep.group in groups.names or ep.group not in groups:
                        continue
                elif ep.group != group:
                    continue
                path = getattr(dist, "_path", None)
                if requires is None:
                    requires = _requires(dist, _read(dist)[0])
                entry_points.append(
                    EntryPointFacts(
                        name=ep.name,
                        group=ep.group,
                        value=ep.value,
                        module_file=locate(ep.value.partition(":")[0].strip()),
                        dist_name=dist_name,
                        dist_version=version,
                        dist_path=str(path) if path is not None else None,
                        requires=requires,
                        dynamic=[],
                    )
                )
    return {
        "executable": sys.executable,
        "version": list(sys.version_info[:3]),
        "implementation": sys.implementation.name,
        "maxsize": sys.maxsize,
        "sys_path": _environment_path(),
        "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
        "platform": sysconfig.get_platform(),
        "entry_points": entry_points,
        "extension_suffixes": list(importlib.machinery.EXTENSION_SUFFIXES),
        "markers": _marker_environment(),
        "tags": _supported_tags(trusted),
        "distributions": _distributions(),
        "unreadable": unreadable,
        "unchecked": unchecked,
        "requirements": requirements,
        "entry_modules": {
            name: modules
            for name, (_, eps, _, _) in unique.items()
            if (modules := _loaded_modules(eps))
        },
    }


_SCRIPTS = frozenset({"console_scripts", "gui_scripts"})
"""Entry-point groups an installer turns into programs: no host loads them as plugins, and
their modules are often a library's own (``httpx = httpx:main``)."""


def _loaded_modules(eps: list[Any]) -> list[str]:
    """The modules ``eps`` name, but those of programs (:data:`_SCRIPTS`)."""
    named = (_ENTRY_MODULE.match(ep.value) for ep in eps if ep.group not in _SCRIPTS)
    return sorted({m.group(1) for m in named if m})


_ENTRY_MODULE = re.compile(r"\s*([\w.]+)")
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _names(requirements: list[str]) -> list[str]:
    """The normalised distribution names of ``Requires-Dist`` values."""
    found = (_REQUIREMENT.match(r) for r in requirements if isinstance(r, str))
    return sorted({re.sub(r"[-_.]+", "-", m.group(1)).lower() for m in found if m})


def _environment_path() -> list[str]:
    """``sys.path`` as the environment gives it, without the entry this process's own start put
    first: the working directory of ``python -m plugcheck`` (or a script's folder). Described
    in-process, plugcheck's ``sys.path`` held the directory it was started in, which every
    plugin process was then allowed to read (and the setup-function worker): started from
    ``/``, the whole file system; from the workspace, every file of it (red team sandbox13).
    A host's interpreter has its own start, not plugcheck's; the ``plugcheck`` console script
    (whose folder, the venv's ``bin``, is that entry) never had it either. Run as a script
    (``--python``), the query drops its own folder in ``__main__``."""
    paths = [p for p in sys.path if p]
    if __name__ == "__main__" or sys.flags.safe_path or not paths:
        return paths
    argv0 = sys.argv[0] if sys.argv and sys.argv[0] not in ("", "-c", "-m") else None
    started = {os.getcwd()}
    if argv0 is not None:
        started |= {
            os.path.dirname(os.path.abspath(argv0)),
            os.path.dirname(os.path.realpath(argv0)),
        }
    return paths[1:] if paths[0] in started and sys.path[0] == paths[0] else paths


def mypy_search_dirs(pyinfo: str) -> None:
    """(``python -S _query.py --mypy-search-dirs PYINFO getsearchdirs``) Print what mypy's
    ``pyinfo.py getsearchdirs`` prints, after ``_site``'s path work: mypy runs that script in
    the target interpreter with ``site`` to find its search path, which ran every ``.pth``
    import line of the environment unconfined in plugcheck's own user (red team finding 6, the
    last process that did). plugcheck hands mypy a ``python_executable`` that runs this
    instead (``static/typecheck/probe.py``). ``sys.path[0]`` is left as the script's own
    directory would be, which ``pyinfo`` drops as it does its own."""
    _site()
    spec = importlib.util.spec_from_file_location("_plugcheck_pyinfo", pyinfo)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {pyinfo}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    print(repr(module.getsearchdirs()))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--mypy-search-dirs"] and len(sys.argv) > 2:
        mypy_search_dirs(sys.argv[2])
        raise SystemExit(0)
    if sys.flags.no_site:
        _site()
    sys.path[:] = [p for p in sys.path if p and os.path.abspath(p) != os.path.dirname(__file__)]
    args = sys.argv[1:]
    trusted = args.pop(0)[len(PACKAGING) :] if args[:1] and args[0].startswith(PACKAGING) else None
    json.dump(describe(args, trusted), sys.stdout)
