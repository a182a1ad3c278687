"""What ``plugcheck init`` learns about a host: the survey's records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.scaffold.arguments import Argument
from plugcheck.scaffold.pluggy_host import PluggyHost
from plugcheck.scaffold.uses import Use


@dataclass(frozen=True, slots=True)
class Alias:
    """``Name = Callable[[A, B], R]`` in the API."""

    module: str
    name: str
    params: tuple[str, ...]
    returns: str


@dataclass(slots=True)
class Lookup:
    """A name the host looks up on a plugin module, and how it calls it."""

    names: list[str]
    where: str
    optional: bool = False
    args: list[str] | None = None
    """Argument spellings at the call (names, or ``?``), when the host calls it."""
    host: str | None = None
    """``module:Class`` of the host object the call passes (``module.register(self)``)."""
    returns: str | None = None
    """What the host does with the result: ``any`` (drops it), ``instance``/``subclass``
    (checks it with ``isinstance``/``issubclass`` against ``return_type``)."""
    return_type: str | None = None
    arguments: list[Argument] | None = None
    """What the call passes, each argument typed from the host's code where it can be."""
    instantiated: list[Argument] | None = None
    """What the host passes when it instantiates a returned class (``returns == "subclass"``)."""
    group: str | None = None
    """The entry-point group of the object a ``named_object`` call calls, when its function
    asks for one group."""
    groups: tuple[str, ...] = ()
    """Every group its function asks for (pdm chains ``pdm`` and ``pdm.plugin`` into one loop:
    the object of each is called)."""
    asked: frozenset[str] = frozenset()
    """The groups the function making the lookup asks for itself, whatever it loads
    (``import_module(eps(group=G)[name].module).setup(self)``)."""
    read: bool = False
    """The host reads the name as a value (``module.API_NAME``) and never calls it here."""
    named_object: bool = False
    """Not a name looked up on a module: the host calls the loaded object itself
    (``ep.load()(options)``, ``plugin = ep.load(); plugin(registry)``)."""
    subclass_of: str | None = None
    """``module:Class`` the host checks the loaded object itself against with ``issubclass``
    before calling it (``cls = ep.load()``, ``issubclass(cls, Base)``): entry points name
    classes. Without it, the host only calls the object and any callable may stand there."""
    annotated: str | None = None
    """Where the host's annotation, not an ``issubclass`` check, says ``subclass_of`` (a
    registry ``dict[str, type[Base]]`` of loaded entry points: :mod:`.registries`)."""
    subclass_of_any: tuple[str, ...] = ()
    """``issubclass(cls, (A, B))``: the classes of which the loaded object must subclass one
    (Poetry's ``(Plugin, ApplicationPlugin)`` for either of its groups)."""
    returned_by: str | None = None
    """The host function that returns the call's result (``return module.makeExtension()``)."""
    use: Use | None = None
    """What the host does with that result where it calls that function."""
    namespace: str | None = None
    """The package the host imports the plugin module under (``import_module(
    f"mkdocstrings_handlers.{name}")``: ``mkdocstrings_handlers``)."""
    owner: str | None = None
    """``module:Class`` whose method makes the lookup (Sopel's ``PyModulePlugin.setup``)."""
    refused: str | None = None
    """Why the name is required although the lookup has a default: the host refuses a plugin
    its default stands for (:mod:`.refused_defaults`)."""
    by_name: bool = False
    """The module was imported by name (``import_module(name)``) in a function that asks for
    no entry-point group: plugins found by path, not an entry-point group's."""


@dataclass(frozen=True, slots=True)
class ClassPick:
    """The host builds the classes a plugin module defines that subclass ``base``."""

    base: str
    pick: str
    """``every``, ``first`` or ``last`` (in definition order)."""
    where: str
    arguments: list[Argument] | None
    """What the host passes to the class; ``None`` when not read."""
    namespace: str | None = None
    """The package the host imports plugin modules under (``beetsplug``)."""
    buildable: frozenset[str] = frozenset()
    """``module:Class`` of the host among the arguments' types that builds with no arguments
    (Jinja2's ``Environment``): a fresh one stands in for the host's."""
    suffix: str | None = None
    """The host picks classes by this name suffix instead (yt-dlp's ``IE``): ``base`` is ""."""
    defined_here: bool = True
    """The host's scan tests each class's ``__module__`` (beets: only the module's own classes);
    ``False``: it reads none, so it takes every subclass the module binds."""
    exposed: str | None = None
    """Where a registration method walks ``dir()`` of what it built, making the plugin's own
    public members callable through the host (Faker's formatters)."""
    registered_by: str | None = None
    """``module:Class().method``: the host's registration method that builds these classes, on
    a fresh instance of its class (which builds with no arguments), given each plugin class."""
    handed: bool = False
    """Users hand the classes to the host (a registration method), importing them from any
    public module of the plugin's package: the contract says ``submodules = true``."""


@dataclass(frozen=True, slots=True)
class Registration:
    """``owner.method(param)`` builds a class it is handed and keeps the object."""

    method: str
    """``module:Class.method``."""
    where: str
    pick: ClassPick | None
    """The classes the method builds (its parameter's annotated class as the base); ``None``
    when the annotation names no one host class."""


@dataclass(frozen=True, slots=True)
class Scan:
    """One scan of the host: the pattern, whether only packages count, the names skipped."""

    pattern: str
    packages_only: bool
    exclude: tuple[str, ...] | None
    """``None``: the host skips names ``init`` could not read."""
    where: str
    through: str | None = None
    """The scanning function outside the host the call reaches (``lml.loader:...``)."""
    package: str | None = None
    """The host's top-level package that runs the scan."""


@dataclass(frozen=True, slots=True)
class Member:
    """One export a Protocol asks for."""

    name: str
    spec: str
    """The export's TOML table (``{ signature = "Callable[...]" }``)."""
    where: str
    optional: str | None
    """Why it may be missing (where the host's code says so); ``None``: required."""


@dataclass(frozen=True, slots=True)
class FolderLoad:
    """A folder the host globs for plugin files it loads by their path (:mod:`.folder_loads`)."""

    folder: str | None
    """The folder, relative to the host's directory; ``None``: the code does not say."""
    pattern: str
    where: str
    spelled: str
    """The folder as the host's code spells it."""


@dataclass(slots=True)
class Survey:
    host: Path
    protocols: list[tuple[str, str]] = field(default_factory=list)
    abcs: list[tuple[str, str]] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)
    """entry-point group -> where the host asks for it."""
    patterns: set[str] = field(default_factory=set)
    """Those of ``groups`` that are patterns of groups whose names the host builds
    (:mod:`.group_patterns`)."""
    script_groups: dict[str, str] = field(default_factory=dict)
    """The installers' script groups the host reads (``console_scripts``): commands of the
    environment, never the host's plugins -> where."""
    data_groups: dict[str, str] = field(default_factory=dict)
    """Groups whose entry points name data files the host reads, never code it loads."""
    lookups: list[Lookup] = field(default_factory=list)
    classes: list[ClassPick] = field(default_factory=list)
    roots: dict[str, Path] = field(default_factory=dict)
    """top-level package -> its import root."""
    methods: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    """(module, class) -> the methods a protocol or ABC declares."""
    pluggy: PluggyHost = field(default_factory=PluggyHost)
    pluggy_groups: list[str] = field(default_factory=list)
    """Groups given to pluggy's ``load_setuptools_entrypoints``."""
    required_groups: dict[str, str] = field(default_factory=dict)
    """Groups the host reads with ``pkg_resources.iter_entry_points`` and loads with
    ``ep.load()``'s default ``require=True`` (Lektor 3.3) -> where."""
    distribution_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    """group -> the distribution name the host derives from an entry-point name of it and
    requires (``lektor-{name}``), and where it compares them."""
    asked_names: dict[str, dict[str | None, str]] = field(default_factory=dict)
    """group -> the entry-point names the host asks it for (``entry_points(group=G,
    name="hook-dirs")``; ``None``: an ask naming none, which takes every name) -> where."""
    loaded_at_import: dict[str, tuple[str, str]] = field(default_factory=dict)
    """group -> the host module that asks for it while it is being imported, and where the
    module-level statement that runs the ask is (:mod:`.import_runs`)."""
    dotted_paths: dict[str, str] = field(default_factory=dict)
    """Groups whose entry points the host loads as one dotted path (fsspec's
    ``ep.value.replace(":", ".")`` then ``import_module``) -> where."""
    config: tuple[dict[str, str], str] | None = None
    """The first literal configuration the host passes to ``init`` (with where)."""
    held: list[tuple[str, str]] = field(default_factory=list)
    """``module:Class`` an entry point's loaded object, kept on an object of the host's,
    is checked against with ``issubclass`` (:mod:`.held_classes`) -> where it is loaded."""
    builtins_set: dict[str, str] = field(default_factory=dict)
    """Names the host puts in ``builtins`` itself (:mod:`.host_builtins`) -> where."""
    builtins_computed: list[str] = field(default_factory=list)
    """Where the host puts names it computes in ``builtins`` (unknown to ``init``)."""
    accepted: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Entry-point group -> ``module:Class`` the host builds from each element of what the
    entry point's function returns (:mod:`.accepted_by`), and where it binds it."""
    session_start: tuple[str, str] | None = None
    """``module:function`` of the host that starts the session its plugins load into (writes
    builtins, then loads plugins: :mod:`.session_start`), and where it is."""
    passed: list[tuple[str, str]] = field(default_factory=list)
    """``module:Class`` a host method annotates the parameter it is handed an entry point's
    loaded object in with (:mod:`.passed_objects`) -> where it is handed over."""
    value_groups: dict[str, str] = field(default_factory=dict)
    """Groups whose entry points the host never loads, reading their values in a module that
    imports plugin modules by name (:mod:`.value_imports`) -> where it reads one."""
    namespaces: dict[str, str] = field(default_factory=dict)
    """Namespace packages not the host's whose ``__path__`` the host walks for plugin modules
    (:mod:`.namespace_walks`) -> where."""
    cliff_asks: set[str] = field(default_factory=set)
    """Where the host asks cliff's ``CommandManager`` for a group of commands (``where:line``):
    the groups asked there name command classes."""
    keyed: dict[str, str] = field(default_factory=dict)
    """Groups whose loaded objects the host keeps keyed by the entry point's name (a registry
    ``{ep.name: ep.load() ...}``: :mod:`.registries`) -> where: one plugin per name."""
    reads_all: str | None = None
    """Where the host reads a module's ``__all__`` or star-imports one it does not own
    (:mod:`.star_reads`); ``None``: never, so ``__all__`` hides nothing from it."""
    handlers: dict[str, set[str]] = field(default_factory=dict)
    """Walked namespace package -> ``module:Class`` the host builds for each module found there
    (:func:`.namespace_walks.walk_handlers`), with the host's classes that class derives from."""
    scans: list[Scan] = field(default_factory=list)
    """Top-level modules the host imports by a pattern of their names (:mod:`.name_scans`)."""
    signatures: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Group -> the inline ``Callable`` annotation of the place the host keeps its loaded
    objects in, where it is, and the place (:mod:`.annotated_slots`, :mod:`.typed_registries`)."""
    object_types: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Group -> the ``entry-point-object`` table of the type of the values of the registry the
    host keeps its loaded objects in (isort's ``dict[str, dict[str, Any]]`` profiles: a
    ``dict``), where it is annotated, and the registry (:mod:`.typed_registries`)."""
    folder_loads: list[FolderLoad] = field(default_factory=list)
    """Folders the host globs for files it loads by their path (:mod:`.folder_loads`)."""
    protocol_exports: dict[str, tuple[str, str, list[Member]]] = field(default_factory=dict)
    """Group -> the host's Protocol its loaded objects are typed with (``module:Class``), where
    the host says so, and the exports the Protocol asks for (:mod:`.typed_registries`)."""
    registrations: list[Registration] = field(default_factory=list)
    """Public host methods that build the plugin class they are handed and keep it
    (:mod:`.registration_methods`)."""
