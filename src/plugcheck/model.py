"""Pure data shared by every layer: severities, locations, findings, contracts, plugins."""

from __future__ import annotations

import enum
import fnmatch
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugcheck.untrusted import printable


class Severity(enum.Enum):
    """How sure we are that the plugin fails in the host."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __lt__(self, other: Severity) -> bool:
        return self.rank < other.rank

    def __le__(self, other: Severity) -> bool:
        return self.rank <= other.rank


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Phase(enum.Enum):
    STATIC = "static"
    DYNAMIC = "dynamic"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A 1-based position in a file; ``end_*`` are optional."""

    path: Path
    line: int = 1
    col: int = 1
    end_line: int | None = None
    end_col: int | None = None


@dataclass(frozen=True, slots=True)
class Related:
    """A second place a finding refers to (the other copy, the first claimant)."""

    location: Location
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", printable(self.message))


class Applicability(enum.Enum):
    """Whether ``--fix`` applies a fix (ruff's line): a safe fix keeps the code's meaning; an
    unsafe one may change behaviour and needs ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of ``path`` from (line, col) up to, not including, (end_line, end_col)
    by ``content``; 1-based, columns count characters. Equal ends insert."""

    path: Path
    line: int
    col: int
    end_line: int
    end_col: int
    content: str


@dataclass(frozen=True, slots=True)
class Autofix:
    """The edits that fix a finding, applied all or none (``plugcheck check --fix``)."""

    message: str
    applicability: Applicability
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem. Its text often quotes the plugin (exception messages, names, output), so
    every string is made :func:`~plugcheck.untrusted.printable` here, once for every format."""

    code: str
    severity: Severity
    message: str
    location: Location
    plugin: str
    contract: str
    fix: str | None = None
    related: tuple[Related, ...] = ()
    subject: str | None = None
    """What the finding is about when a harness step can fail on it: a lifecycle method or
    export (``run``, ``new``) or an imported module. A static finding explains a dynamic one
    away only when both are about the same subject or place (see ``rules.explain``)."""
    autofix: Autofix | None = None
    """The mechanical fix, when there is one; it edits only the files the finding names (its
    location and related locations)."""
    step: str | None = None
    """For a rule that predicts failures at more than one step: the one this finding predicts
    fails (``import``, or the function whose call fails). A real run withdraws the finding only
    when it passed that step (see ``engine._withdraw``)."""

    def __post_init__(self) -> None:
        for name in ("message", "plugin", "contract"):
            object.__setattr__(self, name, printable(getattr(self, name)))
        if self.fix is not None:
            object.__setattr__(self, "fix", printable(self.fix))

    def about(self, plugin: Plugin) -> bool:
        """Whether the finding is about ``plugin`` (by contract and name: PC003's namesakes
        share their findings). Its ``plugin`` is the printable name: compared with the raw
        name, a plugin whose entry point was named ``ev\\x1bil`` matched none of its findings
        (``pytest --plugcheck`` passed it; red team red23)."""
        return (self.contract, self.plugin) == (plugin.contract, plugin.reported_name)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        loc = self.location
        return (str(loc.path), loc.line, loc.col, self.code, self.plugin, self.message)


@dataclass(frozen=True, slots=True)
class Explained:
    """A failure not reported because an earlier finding, ``by``, predicted it (``note`` says
    so in the report): reported after all when ``by`` is withdrawn (``withdraw.readmitted``)."""

    failure: Finding
    by: Finding
    note: str


# --- contract -------------------------------------------------------------------------


INLINE = "<inline>"
"""``TypeRef.module`` of an annotation the contract writes out (``entry-point-object``'s
``signature``): a host that annotates where it keeps a loaded object, with no name for the type."""


@dataclass(frozen=True, slots=True)
class TypeRef:
    """``module:name`` naming an object in the host's API."""

    module: str
    name: str
    """A literal stand-in (``{ value = "plain" }``) has no module: ``name`` is the value's JSON."""

    def __str__(self) -> str:
        return self.name if self.inline else f"{self.module}:{self.name}"

    @property
    def literal(self) -> bool:
        return not self.module

    @property
    def inline(self) -> bool:
        """An annotation written in the contract (``Callable[..., list[str]]``), not a name:
        ``name`` is its text."""
        return self.module == INLINE

    def made(self) -> str:
        """How a stand-in is shown in a call: ``mod:make()``, or a literal's value as Python
        spells it (``None``, ``['a']``)."""
        return shown_stand_in(f":{self.name}" if self.literal else str(self))


def shown_stand_in(ref: str) -> str:
    """A stand-in (``module:callable``, or ``:<json>`` for a literal) as a call shows what it
    passes: ``module:callable()``, or the literal as Python spells it (``None``, ``'plain'``)."""
    if not ref.startswith(":"):
        return f"{ref}()"
    if ref == ':{"$entry-point": "name"}':  # config.fields.ENTRY_POINT_NAME
        return "<its entry point's name>"
    try:
        return repr(json.loads(ref[1:]))
    except ValueError:
        return ref[1:]


ENTRY_POINT_OBJECT = "entry-point"
"""Where a contract names an export (``lifecycle.factory``): the object the plugin's entry point
names (``pkg.mod:Extension``), whatever it is called."""


class ExportKind(enum.Enum):
    """What a required export must be bound to."""

    ANY = "any"
    CALLABLE = "callable"
    FUNCTION = "function"
    CLASS = "class"
    INSTANCE = "instance"
    FACTORY = "factory"
    """Any callable whose call returns the type: a class (a subclass) or a function returning
    one, as a host that calls the object and checks the result with ``isinstance`` accepts."""


@dataclass(frozen=True, slots=True)
class Export:
    """A symbol a plugin must provide; ``versions`` lists alternatives, newest first."""

    name: str
    type: TypeRef | None = None
    versions: tuple[str, ...] = ()
    kind: ExportKind | None = None
    optional: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return self.versions or (self.name,)


@dataclass(frozen=True, slots=True)
class HostCall:
    """A call the host makes on the plugin's object: ``extendMarkdown(md)``."""

    method: str
    stand_ins: tuple[TypeRef, ...] = ()
    """Per argument, a callable in the target environment returning what the host passes."""
    keywords: tuple[tuple[str, TypeRef], ...] = ()
    """``(name, stand-in)`` per argument the host passes by keyword."""
    returns: str = "any"
    """What the host accepts back (the setup function's ``returns`` values)."""
    required_keys: tuple[str, ...] = ()
    return_type: TypeRef | None = None
    """The host's class the result must be an instance (``subclass``: a subclass) of."""

    def __str__(self) -> str:
        made = [ref.made() for ref in self.stand_ins]
        made += [f"{name}={ref.made()}" for name, ref in self.keywords]
        return f"{self.method}({', '.join(made)})"


@dataclass(frozen=True, slots=True)
class Lifecycle:
    protocol: TypeRef | None = None
    factory: str | None = None
    config: Mapping[str, Any] = field(default_factory=dict)
    config_complete: bool = False
    """``config`` is all the host passes to ``init`` (no other key), not a sample (PC552)."""
    invalid_config: Mapping[str, Any] | None = None
    deadline: float = 5.0
    is_async: bool = False
    long_running: bool = False
    reload: bool = False
    """The host reloads plugins (``importlib.reload``): the harness checks they survive it."""
    env: tuple[str, ...] = ()
    """Environment variables passed to the plugin process besides PATH and LANG."""
    memory: int = 1024
    """Address-space limit of each plugin process, in MiB (RLIMIT_AS)."""
    register: str | None = None
    """The export that registers the plugin (``register``: the host calls the newest of its
    versions it finds with a registry)."""
    registry: TypeRef | None = None
    """The API class the host builds with no arguments and passes to ``register``."""
    registered_factories: bool = False
    """The host builds every factory ``register`` added to the registry (with no arguments)
    and takes each product through the lifecycle, as the factory's."""
    calls: tuple[HostCall, ...] | None = None
    """What the host does with the object instead of ``init`` -> ``run`` -> ``shutdown``:
    these calls, in order (``()``: it only builds the object and checks its type)."""
    build: HostCall | None = None
    """What the host passes to the factory (``factory-stand-ins``, ``factory-keyword-stand-ins``;
    method ``factory``); ``None``: it calls it with no arguments."""


@dataclass(frozen=True, slots=True)
class Contract:
    name: str
    kind: str
    source: Path
    """The pyproject.toml that declared it; relative paths resolve from its directory."""
    api: str | None = None
    api_distribution: str | None = None
    entry_point_group: str | None = None
    paths: tuple[str, ...] = ()
    exports: tuple[Export, ...] = ()
    lifecycle: Lifecycle | None = None
    search_path: tuple[Path, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    """Keys owned by later passes (kept validated but opaque here)."""
    entry_point_object: Export | None = None
    """The type of the object each entry point of the group names (``pkg.mod:extract``),
    checked like an export under the attribute the plugin's entry point names."""
    group_pattern: bool = False
    """``entry_point_group`` is an ``fnmatch`` pattern (``entry-point-group-pattern``): the host
    builds its groups' names at run time (OpenStackClient's ``openstack.<api>.v<N>``)."""

    def in_group(self, group: str) -> bool:
        """Whether the contract's plugins include the entry points of ``group``: it is the
        contract's group, or one its pattern matches (case-sensitive, as group names are)."""
        if self.entry_point_group is None:
            return False
        if self.group_pattern:
            return fnmatch.fnmatchcase(group, self.entry_point_group)
        return group == self.entry_point_group

    def factory_of(self, plugin: Plugin) -> str | None:
        """The name of the export the host calls to make ``plugin``'s object: the lifecycle's
        ``factory``, or the object the plugin's entry point names (``factory = "entry-point"``),
        an attribute path for ``pkg.mod:Class.create``."""
        factory = self.lifecycle.factory if self.lifecycle else None
        if factory != ENTRY_POINT_OBJECT:
            return factory
        ep = plugin.entry_point
        return ep.attr if ep is not None else None

    def exports_of(self, plugin: Plugin) -> tuple[Export, ...]:
        """The exports ``plugin`` must provide: the contract's, plus the object its entry
        point names when the contract gives that object a type. An export of the same name is
        that object: the host uses it as the entry point's object, so that type is checked."""
        typed = self.entry_point_object
        ep = plugin.entry_point
        attr = ep.attr if ep is not None else None
        if typed is None or attr is None:
            return self.exports
        own = Export(attr, type=typed.type, kind=typed.kind)
        return (*(e for e in self.exports if e.name != attr), own)

    def references(self) -> tuple[TypeRef, ...]:
        """The types the contract names: its exports', the entry-point object's, the
        lifecycle's protocol and registry (an annotation it writes out names none)."""
        typed = [*self.exports, *filter(None, [self.entry_point_object])]
        refs = [e.type for e in typed if e.type is not None and not e.type.inline]
        if self.lifecycle is not None:
            refs += filter(None, [self.lifecycle.protocol, self.lifecycle.registry])
        return tuple(refs)

    def host_modules(self) -> frozenset[str]:
        """The top-level modules the host provides to its plugins: those of the types the
        contract names, its ``host-packages`` and its ``api``."""
        found = {ref.module.split(".")[0] for ref in self.references()}
        packages = self.options.get("host-packages")
        if isinstance(packages, list):
            found.update(str(p).split(".")[0] for p in packages)
        if self.api:
            found.add(self.api.split(".")[0])
        return frozenset(found)

    @property
    def root(self) -> Path:
        return self.source.parent

    def shown(self, path: Path) -> str:
        """``path`` for a message: relative to the host's directory when under it."""
        for candidate, root in ((path, self.root), (path.resolve(), self.root.resolve())):
            if candidate.is_relative_to(root):
                return candidate.relative_to(root).as_posix()
        return str(path)


# --- plugins --------------------------------------------------------------------------


class Origin(enum.Enum):
    PATH = "path"
    ENTRY_POINT = "entry-point"
    EXPLICIT = "explicit"


@dataclass(frozen=True, slots=True)
class Project:
    """The ``[project]`` table of a plugin project, or an installed distribution's metadata."""

    name: str
    version: str | None
    requires: tuple[str, ...]
    dynamic: tuple[str, ...] = ()
    source: Path | None = None
    """pyproject.toml or METADATA file it was read from."""
    name_line: int = 1


@dataclass(frozen=True, slots=True)
class EntryPoint:
    name: str
    group: str
    value: str
    distribution: str | None
    source: Path | None = None
    line: int = 1

    @property
    def module(self) -> str:
        return self.value.partition(":")[0].strip()

    @property
    def attr(self) -> str | None:
        attr = self.value.partition(":")[2].split("[")[0].strip()
        return attr or None


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One plugin's verdict against each API version of a :class:`Matrix`."""

    plugin: str
    contract: str
    requirement: str | None
    """The plugin's requirement on the API distribution, as declared (``None``: undeclared)."""
    cells: tuple[str, ...]
    """Per version: ``ok``, ``warning`` (admitted with a caveat), ``error`` or ``unknown``."""


@dataclass(frozen=True, slots=True)
class Matrix:
    """Plugins x API versions: can each plugin load against each version of the shared API."""

    versions: tuple[str, ...]
    rows: tuple[MatrixRow, ...]


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def module_name_of(path: Path, root: Path | None) -> str | None:
    """The dotted name of the module file ``path`` with ``root`` on ``sys.path``."""
    if root is None:
        return None
    # A path given on the command line is relative, its plugin's import root absolute.
    full, base = os.path.abspath(path), os.path.abspath(root).rstrip(os.sep) + os.sep
    if not full.startswith(base):
        return None
    parts = os.path.splitext(full[len(base) :])[0].split(os.sep)
    if parts and parts[-1] == "__init__":
        parts.pop()
    if not parts or not all(_IDENT.match(p) for p in parts):
        return None
    return ".".join(parts)


@dataclass(frozen=True, slots=True)
class Plugin:
    """One unit the host loads: a module (the one that must export the contract's symbols)."""

    name: str
    contract: str
    origin: Origin
    root: Path
    """The plugin's directory (project, package) or its single file."""
    module: str
    """Import name of the plugin module."""
    module_path: Path | None
    """Source file of that module; ``None`` when it cannot be found."""
    import_root: Path | None
    """The directory that must be on sys.path to import ``module``."""
    files: tuple[Path, ...] = ()
    """Every Python source file belonging to the plugin."""
    project: Project | None = None
    entry_point: EntryPoint | None = None
    outside: tuple[tuple[Path, Path], ...] = ()
    """Source files (link, real path) that are symbolic links leaving the tree plugcheck checks
    (PC427): left out of ``files`` (and ``module_path``), never read nor imported."""
    cut_off: tuple[tuple[Path, str], ...] = ()
    """Folders of the plugin's tree plugcheck did not walk, with why (nested too deep, a path
    too long, too many files: ``source_tree``); PC001, after which nothing imports it."""
    package_dir: Path | None = None
    """A folder the host adds to the ``__path__`` of ``module``'s package instead of putting it
    on ``sys.path`` (beets' ``pluginpath`` folders join ``beetsplug.__path__``): the plugin's
    files there are modules of that package, and ``import_root`` is ``None`` (the folder's other
    modules, a ``random.py``, never shadow the standard library; beets appends the folder to
    ``sys.path``, so a plain ``import helpers`` of a sibling still finds it)."""
    namespace_package: bool = False
    """A folder a ``paths`` glob lists (not under ``**``) with no ``__init__.py``: the host's
    import of it by name gives a namespace package, which runs none of the folder's files and
    binds none of the contract's exports (PC101, :func:`namespace_folders.no_module`)."""

    def module_name(self, path: Path) -> str | None:
        """The dotted name the host's import gives the plugin's file ``path`` (``None``: not a
        module under the plugin's import root or package folder)."""
        if self.package_dir is not None:
            inner = module_name_of(path, self.package_dir)
            package = self.module.rpartition(".")[0]
            return f"{package}.{inner}" if inner and package else inner
        return module_name_of(path, self.import_root)

    @property
    def reported_name(self) -> str:
        """The name the plugin's findings carry (``Finding.plugin``): ``name`` made printable.
        A finding is matched to its plugin by this name, never by ``name``, which a plugin
        supplies and may hold escapes (see :meth:`Finding.about`)."""
        return printable(self.name)

    @property
    def key(self) -> tuple[str, str]:
        """(contract, module file or root): unique per plugin, unlike the name (PC003)."""
        return self.contract, str(self.module_path or self.root)

    @property
    def own_tree(self) -> Path | None:
        """The directory that is the plugin's own (its project or package), or ``None``.

        An installed single-module plugin's root is the directory it is installed into, shared
        with every other distribution there (site-packages): nothing in it belongs to the plugin.
        """
        if not self.root.is_dir():
            return None
        if self.origin is Origin.ENTRY_POINT and (
            self.module_path is None or self.module_path.name != "__init__.py"
        ):
            return None
        return self.root

    @property
    def code_roots(self) -> tuple[Path, ...]:
        """Where the plugin's own code lives: its root and, for a module inside a package, the
        outermost package (``pkg/`` for ``pkg.sub.mod``). Traceback frames there are the
        plugin's: a failing ``from semver import ...`` in ``pkg/other.py`` is its line."""
        roots = [self.root]
        if self.import_root is not None and "." in self.module:
            top = self.import_root / self.module.split(".")[0]
            if (top / "__init__.py").is_file() and top not in roots:
                roots.append(top)
        return tuple(roots)

    @property
    def claim(self) -> Location:
        """Where the plugin's name is declared."""
        if self.entry_point and self.entry_point.source:
            return Location(self.entry_point.source, self.entry_point.line)
        if self.project and self.project.source:
            return Location(self.project.source, self.project.name_line)
        return Location(self.module_path or self.root)


class Crashed(str):
    """A line of a pass's ``notes`` saying that a check crashed (a plugcheck bug): the engine
    makes it one of the report's crashes (exit 2, never "All checks passed"). Before, it stayed
    a note: an exec plugin that answered with an array nested 900,000 deep crashed its own
    check (RecursionError) and the run said "All checks passed" (red team sand15)."""

    __slots__ = ()


class Partial(str):
    """A line of a pass's ``notes`` saying what the run checks for no plugin of a contract, by
    the contract's choice (a pluggy contract without ``stand-ins`` calls no hook): the engine
    keeps it as a note and a summary without findings names it instead of saying "All checks
    passed": "passed" never covers a step nobody ran."""

    __slots__ = ()
