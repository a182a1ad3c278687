"""Which plugins the after side of an impact run need not check again.

The after side re-checks a plugin unless nothing its check reads can differ between the sides.
The sides' environments are compared file by file (their import roots inside the environment
directories, by content): what differs is a set of top-level import names (a changed module or
package, or a distribution whose metadata changed: its top-level names and its name). A plugin
of a Python contract keeps its before side's results when

- no top-level name its code reaches differs: the plugin's own files and top-level name, the
  host packages the harness preloads (the contract's API, hookspec and base packages and
  ``preload``), and, transitively, every installed top-level package any of those imports
  (statements, and string constants naming a module: ``import_module("x.y")``, entry-point
  strings);
- none of those files so much as mentions a changed name (a dynamic import of a computed name,
  a metadata lookup of a changed distribution);
- nothing that differs is unattributable (a ``.pth`` file, a file beside the packages);
- the static pass says exactly what it said on the before side (the engine runs it on the after
  side for every plugin: it is cheap, and it reads distribution metadata the comparison above
  does not follow); a plugin it says otherwise of is checked fully, in a second run.

Anything else is re-checked: plugins of non-Python kinds, plugins whose files cannot be read.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from packaging.utils import canonicalize_name

from plugcheck import untrusted
from plugcheck.engine import check
from plugcheck.environment import TargetError, query
from plugcheck.impact.delta import identity
from plugcheck.impact.sides import Side
from plugcheck.kinds import python_kinds
from plugcheck.model import Contract, Finding, Plugin
from plugcheck.options import Options, UsageError
from plugcheck.rules.host_names import host_packages
from plugcheck.run_report import Report

_SKIPPED = frozenset({"__pycache__", ".git", ".venv", "node_modules"})
_MODULE_STRING = re.compile(r"\s*([A-Za-z_]\w*)(?:\.\w+)*(?:\s*:\s*[\w.]+)?\s*")
"""A string that may name a module: ``x``, ``x.y``, ``x.y:attr`` (an entry point)."""


@dataclass(frozen=True, slots=True)
class EnvDiff:
    """What differs between two environments' import roots."""

    names: frozenset[str]
    """Top-level import names with a file added, removed or changed."""
    distributions: frozenset[str]
    """Normalised names of the distributions whose metadata differs."""
    unattributable: tuple[str, ...] = ()
    """Differing files that belong to no top-level name (``.pth`` files, ...)."""

    @property
    def words(self) -> frozenset[str]:
        """Every spelling of a changed name a file could mention."""
        dists = {v for d in self.distributions for v in (d, d.replace("-", "_"))}
        return frozenset(self.names | dists)


def env_diff(before: Sequence[Path], after: Sequence[Path]) -> EnvDiff:
    """Compare the import roots ``before`` and ``after`` (paired by position: the sides'
    ``site-packages`` directories)."""
    if len(before) != len(after):
        return EnvDiff(frozenset(), frozenset(), ("the environments have different import roots",))
    names: set[str] = set()
    dists: set[str] = set()
    odd: list[str] = []
    for old, new in zip(before, after, strict=True):
        files = [_files(old), _files(new)]
        for rel in sorted(set(files[0]) | set(files[1])):
            if files[0].get(rel) == files[1].get(rel):
                continue
            top = rel.split("/", 1)[0]
            if top.endswith((".dist-info", ".egg-info")):
                dists.add(canonicalize_name(top.rsplit(".", 1)[0].split("-", 1)[0]))
                for root, listing in ((old, files[0]), (new, files[1])):
                    names.update(_top_levels(root / top, listing))
            elif "/" in rel or top.endswith(".py") or _extension(top):
                names.add(top.split(".", 1)[0])
            else:
                odd.append(rel)
    return EnvDiff(frozenset(names), frozenset(dists), tuple(odd))


def _files(root: Path) -> dict[str, str]:
    """Relative path -> content hash of every file under ``root`` (bytecode left out)."""
    out: dict[str, str] = {}
    for directory, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if f not in _SKIPPED)
        for name in names:
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(directory, name)
            try:
                with open(path, "rb") as handle:
                    digest = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
            except OSError:
                digest = "unreadable"
            out[os.path.relpath(path, root).replace(os.sep, "/")] = digest
    return out


def _extension(name: str) -> bool:
    return name.endswith((".so", ".pyd")) and "." in name


def _top_levels(dist_info: Path, listing: dict[str, str]) -> set[str]:
    """The top-level names a distribution's RECORD lists files under."""
    try:
        record = (dist_info / "RECORD").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    out = set()
    for line in record.splitlines():
        path = line.split(",", 1)[0]
        top = path.split("/", 1)[0]
        if path and not top.endswith((".dist-info", ".egg-info", ".data")) and ".." not in top:
            out.add(top.split(".", 1)[0])
    return out


@dataclass(slots=True)
class Reach:
    """The top-level packages code reaches, and whether any of it mentions a changed name;
    per top-level name, computed once."""

    roots: Sequence[Path]
    words: frozenset[str]
    _edges: dict[str, tuple[frozenset[str], bool]] = field(default_factory=dict)

    def verdict(self, files: Iterable[Path], packages: Iterable[str]) -> str | None:
        """Why code starting at ``files`` and the top-level ``packages`` may see a change
        (``None``: nothing it reaches differs)."""
        names, mentions = _scan(files, self.words)
        if mentions:
            return f"its code mentions {mentions}"
        todo = [*names, *packages]
        seen: set[str] = set()
        while todo:
            name = todo.pop()
            if name in seen or name in sys.stdlib_module_names:
                continue
            seen.add(name)
            if name in self.words:
                return f"it reaches {name}, which differs between the sides"
            edges, mentions_changed = self._of(name)
            if mentions_changed:
                return f"it reaches {name}, whose code mentions a name that differs"
            todo.extend(edges)
        return None

    def _of(self, name: str) -> tuple[frozenset[str], bool]:
        if name not in self._edges:
            files = list(_package_files(name, self.roots))
            names, mentions = _scan(files, self.words)
            self._edges[name] = (frozenset(names), mentions is not None)
        return self._edges[name]


def _package_files(name: str, roots: Sequence[Path]) -> Iterator[Path]:
    for root in roots:
        package = root / name
        if package.is_dir():
            for directory, folders, files in os.walk(package):
                folders[:] = [f for f in folders if f not in _SKIPPED]
                yield from (Path(directory, f) for f in files if f.endswith((".py", ".pyi")))
        module = root / f"{name}.py"
        if module.is_file():
            yield module


def _scan(files: Iterable[Path], words: frozenset[str]) -> tuple[set[str], str | None]:
    """The top-level names ``files`` import or name in a string constant, and the first
    changed name any of them mentions (``"<unreadable file>"`` when one cannot be read)."""
    pattern = (
        re.compile(r"\b(" + "|".join(map(re.escape, sorted(words))) + r")\b") if words else None
    )
    names: set[str] = set()
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return names, f"<unreadable file {path}>"
        if pattern is not None:
            hit = pattern.search(text)
            if hit:
                return names, f"{hit.group(1)!r} ({path.name})"
        try:
            tree = untrusted.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return names, f"<unparsable file {path}>"
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".", 1)[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".", 1)[0])
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                match = _MODULE_STRING.fullmatch(node.value)
                if match:
                    names.add(match.group(1))
    return names, None


def carried(
    plugins: Sequence[Plugin],
    contracts: Sequence[Contract],
    python_kinds: frozenset[str],
    diff: EnvDiff,
    roots: Sequence[Path],
) -> dict[tuple[str, str], str | None]:
    """Per plugin (contract, normalised name): ``None`` when its before side's results carry
    over, else why it is checked again."""
    by_name = {c.name: c for c in contracts}
    reach = Reach(roots, diff.words)
    out: dict[tuple[str, str], str | None] = {}
    for plugin in plugins:
        key = (plugin.contract, canonicalize_name(plugin.name))
        contract = by_name.get(plugin.contract)
        why: str | None
        if contract is None or contract.kind not in python_kinds:
            why = "not a Python plugin"
        elif diff.unattributable:
            why = f"{diff.unattributable[0]} differs between the sides"
        elif not plugin.files:
            why = "its files are not known"
        else:
            # Its own top-level name too: an installed plugin whose distribution differs
            # between the sides (files, entry points) reaches a changed name of its own.
            start = {*host_packages(contract), *contract.options.get("preload", ()), plugin.module}
            why = reach.verdict(plugin.files, {str(p).split(".", 1)[0] for p in start})
        # Two plugins claiming one name share the key: it carries over only if both may.
        if out.get(key) is None:
            out[key] = why
    return out


def after_side(
    checks: tuple[Options, Options], before: Report, sides: tuple[Side, Side]
) -> tuple[Report, dict[tuple[str, str], str | None]]:
    """The after side's report: every plugin's static pass, and the run passes (mypy, the
    harness) of the plugins whose results do not carry over; with, per plugin, ``None`` when
    its before side's findings were carried over, else why it was checked again. ``checks``
    are the two sides' checks (their environments, and at a git ref its configuration)."""
    options = checks[1]
    if not options.dynamic and not options.mypy:
        return check(options), {}  # the static pass is all there is, and cheap
    try:
        env = query(sides[1].python, [])
    except TargetError as exc:
        raise UsageError([str(exc)]) from None
    diff = env_diff(
        _inside(before.env.sys_path, sides[0].env_dir), _inside(env.sys_path, sides[1].env_dir)
    )
    kinds = python_kinds()
    roots = list(
        dict.fromkeys(
            [
                *env.sys_path,
                *(p.import_root for p in before.plugins if p.import_root is not None),
                *(Path(d) for c in before.config.contracts for d in c.search_path),
            ]
        )
    )
    verdicts = carried(before.plugins, before.config.contracts, kinds, diff, roots)
    sources = [o.config.parent if o.config is not None else None for o in checks]
    if sources[0] != sources[1]:  # the plugins of a git ref: from its tree
        _tree_verdicts(verdicts, before, sources, sides)
    keep = frozenset(k for k, why in verdicts.items() if why is None)
    if not keep:
        return check(options), verdicts
    said = _static_findings(before, sides[0].dirs)
    after = check(replace(options, static_only=keep))
    now = _static_findings(after, sides[1].dirs)
    differ = {k for k in keep if said.get(k, set()) != now.get(k, set())}
    if differ:  # rare: check those plugins fully too (the run again, without them left out)
        verdicts.update(dict.fromkeys(differ, "its static findings differ between the sides"))
        keep -= differ
        after = check(replace(options, static_only=keep))
    if keep:
        mine = [f for f in after.findings if _key(f) not in keep]
        mine += [_moved(f, sides) for f in before.findings if _key(f) in keep]
        after.findings[:] = sorted(mine, key=lambda f: f.sort_key)
    return after, verdicts


def _tree_verdicts(
    verdicts: dict[tuple[str, str], str | None],
    before: Report,
    sources: Sequence[Path | None],
    sides: tuple[Side, Side],
) -> None:
    """Plugins whose files come from the sides' trees (a git ref's, or the working tree): a
    plugin is checked again when a file differs under its root, the directory it is imported
    from (its siblings) or its contract's search path, or the configuration differs."""
    bases = [
        side.tree if source is not None and side.tree is not None else None
        for source, side in zip(sources, sides, strict=True)
    ]
    repo = next((s.spec.repo for s in sides if s.spec.repo is not None), None)
    if repo is None:
        return
    trees = [base or repo for base in bases]
    files = [_files(t) for t in trees]
    changed = [
        rel for rel in set(files[0]) | set(files[1]) if files[0].get(rel) != files[1].get(rel)
    ]
    config = before.config.source
    by_name = {c.name: c for c in before.config.contracts}
    for plugin in before.plugins:
        key = (plugin.contract, canonicalize_name(plugin.name))
        if verdicts.get(key, "") is not None:
            continue
        contract = by_name.get(plugin.contract)
        dirs = [
            plugin.root,
            plugin.import_root,
            plugin.package_dir,
            *(contract.search_path if contract else ()),
        ]
        under = [_relative(d, trees[0]) for d in dirs if d is not None]
        if _relative(config, trees[0]) in changed:
            verdicts[key] = "the configuration differs between the sides"
        elif any(
            r == "" or any(c == r or c.startswith(r + "/") for c in changed)
            for r in under
            if r is not None
        ):
            verdicts[key] = "its files, or files beside them, differ between the sides"


def _relative(path: Path, base: Path) -> str | None:
    try:
        rel = path.resolve().relative_to(base.resolve())
    except ValueError:
        return None
    return "" if rel == Path() else rel.as_posix()


def _key(f: Finding) -> tuple[str, str]:
    return f.contract, canonicalize_name(f.plugin)


def _static_findings(report: Report, dirs: Sequence[Path]) -> dict[tuple[str, str], set[object]]:
    """What the static pass said of each plugin, as both sides can say it."""
    out: dict[tuple[str, str], set[object]] = {}
    for f in report.static_findings:
        out.setdefault(_key(f), set()).add(identity(f, dirs))
    return out


def _moved(f: Finding, sides: tuple[Side, Side]) -> Finding:
    """``f`` of the before side as the after side says it (its environment's paths)."""
    path, message = str(f.location.path), f.message
    for old, new in zip(sides[0].dirs, sides[1].dirs, strict=False):
        path, message = path.replace(str(old), str(new)), message.replace(str(old), str(new))
    return replace(f, location=replace(f.location, path=Path(path)), message=message)


def _inside(paths: Sequence[Path], env_dir: Path) -> list[Path]:
    """The import roots of an environment that are its own (its ``site-packages``)."""
    root = env_dir.resolve()
    return [p for p in paths if p.resolve() == root or root in p.resolve().parents]
