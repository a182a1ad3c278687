"""Which attributes of the modules the fork server preloaded, and of the classes they define, a
plugin's process replaced or deleted (PC430): ``json.dumps = _compact`` holds for the host and
every plugin it loads after this one.

Taken once in the server, after the preloads (``take``): for each module in ``sys.modules``
(not ``builtins``, PC414's, nor ``__main__`` or the worker's own), its public names bound to
a function, class or other callable, and for each class a module of the host's own
packages defines (a class statement's), its functions, descriptors and other callables, public
or dunder; each name with its object. A child compares them by identity, never with ``==``.
The standard library's and other libraries' classes are left to the static PC579: their
hundreds of dicts tripled the cost of each look (2.5 ms a plugin in all).

Reading every one in each child costs what the copy-on-write of their pages costs (a read
changes each object's reference count: 2.5-5 ms a plugin, red56). So the server also keeps,
where the interpreter keeps one (CPython up to 3.13 at least; ``_tag_offset`` tries it
first), each dict's version tag, which any store or delete in it changes, and a view of each
tag made once (``_tag_reader``): a child reads the tags (no dict or value is touched), and
compares names only in the dicts whose tag moved. ``rebase`` takes the child's own state as
the baseline right before the plugin's import (the harness's own set-up changes a few modules:
``threading`` after the fork, ``_posixsubprocess`` for the process quota) and after a preload
the host left to the plugin's process (its own changes are the host's).

Not seen: a class of a library's (``json.JSONEncoder.default``) or a private name of a module
(``ssl._create_default_https_context``: PC579 sees both spelled), a name a step adds, a module
or class first imported after the server's preloads, a change the plugin undoes before the look
(after its import, and at its end), and anything a plugin that rewrites this module's state
does: its own process's word, as PC414's.
"""

from __future__ import annotations

import gc
import sys
from array import array
from functools import partial
from operator import attrgetter, is_
from types import FunctionType, MethodType, ModuleType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

_HEAP_TYPE = 1 << 9
"""``Py_TPFLAGS_HEAPTYPE``: a class made by a ``class`` statement (a built-in type's dict
cannot be changed from Python)."""
_LEFT_OUT = ("builtins", "__main__")
_WORKER = __name__.rpartition(".")[0] + "." if "." in __name__ else "_plugcheck_worker."
_ABSENT = object()
_callable = callable
_issubclass = issubclass
_type = type
_MODULE: type = ModuleType
_MODULE_DICT = vars(ModuleType)["__dict__"].__get__
_FLAGS = type.__dict__["__flags__"].__get__
_QUALNAME = type.__dict__["__qualname__"].__get__
_map = map
_all = all
_DESCRIPTORS = (classmethod, staticmethod, property)
REPLACEABLE_HOOKS = frozenset(
    {
        ("sys", "excepthook"),
        ("sys", "displayhook"),
        ("sys", "unraisablehook"),
        ("sys", "breakpointhook"),
        ("threading", "excepthook"),
        ("warnings", "showwarning"),
    }
)
"""Names the standard library's documentation says an application may assign its own callable
to (``sys.excepthook``: "can be customized by assigning another three-argument function"):
hooks, not patches. strawberry-graphql installs its exception handler on import, and mypy
loads its plugin fine (a PC430 warning for it was noise)."""
"""Not a submodule bound on its package: a module imported again (one the server dropped and
left to each plugin's process, ``importlib.util``) rebinds it, the import system's doing."""
_FUNCTION = FunctionType
_METHOD = MethodType
_PARTIAL = partial
_TYPE_DICT = type.__dict__["__dict__"].__get__


def _watched(value: Any) -> bool:
    # By its type only: a host's proxy in a module (werkzeug's LocalProxy, lektor's site)
    # raises from its own __class__ (lektor's fork server did not start).
    return _callable(value) or _issubclass(_type(value), _DESCRIPTORS)


def _is_class(value: Any) -> bool:
    return _issubclass(_type(value), type)


class Shared:
    """The names of the preloaded modules and their classes, each with its object."""

    def __init__(self) -> None:
        self.names: list[str] = []
        """``json``, ``json.encoder.JSONEncoder``: what each dict is the namespace of."""
        self.owners: list[Any] = []
        """The module or class itself, for the other names it goes by (``aliases``)."""
        self.dicts: list[dict[str, Any]] = []
        self.kept: list[tuple[tuple[str, ...], tuple[Any, ...]]] = []
        self.tags = array("Q")
        self.read: Callable[[], array[int]] | None = None
        self.host: tuple[str, ...] = ()
        """The host's own package folders: its modules' work is not the plugin's."""
        self.modules: set[str] = set()
        """``sys.modules``' names at the baseline."""
        self.seen: set[str] = set()
        """The names ``look`` has found already."""
        self.said: list[list[str]] = []
        """What ``look`` has found so far, each entry with when it was found first."""

    def take(self, own: str, host: tuple[str, ...]) -> None:
        """(server, after the preloads) The snapshot; ``own``: the worker's package name;
        ``host``: the host's own package folders, whose modules' classes are taken too."""
        self.host = host
        taken: set[int] = set()
        for name, module in list(sys.modules.items()):
            if name in _LEFT_OUT or name.partition(".")[0] == own:
                continue
            try:
                self._take_module(name, module, host, taken)
            except Exception:  # a host's odd object: that module is not watched
                continue
        self.read = _tag_reader(self.dicts)
        if self.read is not None:
            self.tags = self.read()

    def _take_module(self, name: str, module: Any, host: tuple[str, ...], taken: set[int]) -> None:
        """A module's names, and its classes' where it is one of the host's own."""
        if not _issubclass(_type(module), _MODULE):
            return  # an object a host put in sys.modules: not read
        namespace = _MODULE_DICT(module)
        if _type(namespace) is not dict or id(namespace) in taken:  # os.path is posixpath
            return
        taken.add(id(namespace))
        self._add(name, module, namespace, module=True)
        where = namespace.get("__file__")
        if not host or _type(where) is not str or not where.startswith(host):
            return
        for value in list(namespace.values()):
            if (
                _is_class(value)
                and _FLAGS(value) & _HEAP_TYPE
                and _TYPE_DICT(value).get("__module__") == name
                and (real := _real_dict(value)) is not None
            ):
                self._add(f"{name}.{_QUALNAME(value)}", value, real, module=False)

    def _add(self, name: str, owner: Any, namespace: dict[str, Any], *, module: bool) -> None:
        keys = tuple(
            k
            for k, v in list(namespace.items())
            if _type(k) is str
            and (not k.startswith("_") or (not module and k.startswith("__") and k.endswith("__")))
            and _watched(v)
            and (not module or (name, k) not in REPLACEABLE_HOOKS)
        )
        if not keys and not module:
            return  # nothing of it to compare: a class with no method of its own
        self.names.append(name)
        self.owners.append(owner)
        self.dicts.append(namespace)
        self.kept.append((keys, tuple(namespace[k] for k in keys)))

    def _moved(self, *, again: bool = False) -> Iterable[int]:
        """The dicts that may have changed since the baseline: those whose tag moved, or all;
        ``again``: their tags now are the baseline's."""
        if self.read is None:
            return range(len(self.dicts))
        now = self.read()
        if now == self.tags:
            return ()
        tags = self.tags
        if again:
            self.tags = now  # reading a dict moves no tag: one pass serves both
        return [i for i, tag in enumerate(now) if tag != tags[i]]

    def rebase(self) -> None:
        """(child) What this process holds now is the baseline."""
        self.modules = set(sys.modules)
        for i in self._moved(again=True):
            keys = self.kept[i][0]
            namespace = self.dicts[i]
            self.kept[i] = (keys, tuple(namespace.get(k, _ABSENT) for k in keys))

    def look(self, roots: tuple[str, ...], when: str) -> bool:
        """(child) Whether a name was replaced or deleted that no look found before: ``said``
        then holds it, after ``when`` (``during its import``) and what :meth:`changed` says."""
        found = self.changed(roots)
        self.said += [[when, *entry] for entry in found]
        return bool(found)

    def changed(self, roots: tuple[str, ...]) -> list[list[str]]:
        """(child) Each name replaced or deleted since the baseline and not said before: who
        (``plugin`` where its new value is code from ``roots``, the plugin's files, or where no
        module outside them was first imported since the baseline; else ``library:`` and those
        modules, any of which may have made the change as it was imported: importlib_metadata's
        deletes ``PathFinder.find_distributions``), ``replaced`` or ``deleted``,
        ``module.name`` (or ``module.Class.name``), then the other names the process reaches
        it by (``os.path.join`` for ``posixpath.join``)."""
        found: list[tuple[int, str]] = []
        for i in self._moved():
            keys, values = self.kept[i]
            namespace = self.dicts[i]
            try:
                if _all(_map(is_, _map(namespace.get, keys, (_ABSENT,) * len(keys)), values)):
                    continue
                gone = [k for n, k in enumerate(keys) if namespace.get(k, _ABSENT) is not values[n]]
            except BaseException:  # a key stored with a hostile __eq__: every name is suspect
                gone = list(keys)
            found += [(i, k) for k in gone if f"{self.names[i]}.{k}" not in self.seen]
        if not found:
            return []
        self.seen.update(f"{self.names[i]}.{k}" for i, k in found)
        loaded = {
            m.partition(".")[0]
            for m in set(sys.modules) - self.modules
            if not _own(m, roots, self.host)
        }
        stdlib = getattr(sys, "stdlib_module_names", ())  # installed libraries first
        named = sorted(loaded, key=lambda top: (top in stdlib, top.startswith("_"), top))
        others = "library:" + ", ".join(named[:3]) + (", ..." if len(named) > 3 else "")
        others = others if named else "plugin"
        said = []
        for i, k in found:
            name = f"{self.names[i]}.{k}"
            try:
                value = self.dicts[i].get(k, _ABSENT)
            except BaseException:  # a hostile key's __eq__, as above
                value = None
            what = "deleted" if value is _ABSENT else "replaced"
            who = "plugin" if _code_in(value, roots, self.host) else others
            aliases = (a for a in _aliases(self.owners[i], k) if a != name)
            said.append([who, what, name, *aliases])
        return sorted(said, key=lambda entry: entry[2])


def _mine(path: str, roots: tuple[str, ...], host: tuple[str, ...]) -> bool:
    """Whether the file ``path`` is the plugin's: under its ``roots``, not in the host's own
    packages (a host's built-in plugin's root is the host's package: bandit's ``core.tester``,
    which a built-in plugin's import may load first, sets ``warnings.formatwarning``)."""
    return path.startswith(roots) and not (host and path.startswith(host))


def _own(module: str, roots: tuple[str, ...], host: tuple[str, ...]) -> bool:
    """Whether the module ``module`` of ``sys.modules`` is one of the plugin's files."""
    where = getattr(sys.modules.get(module), "__file__", None)
    return isinstance(where, str) and _mine(where, roots, host)


def _code_in(value: Any, roots: tuple[str, ...], host: tuple[str, ...]) -> bool:
    """Whether ``value`` is the plugin's own code: a function (or a method, a partial of one)
    from its files, or a class one of its modules defines, or an instance of one. Read by
    exact types, never through the value's own attribute lookup."""
    for _ in range(4):
        kind = _type(value)
        if kind is _PARTIAL:
            value = value.func
        elif kind is _METHOD:
            value = value.__func__
        else:
            break
    if _type(value) is _FUNCTION:
        return _mine(value.__code__.co_filename, roots, host)
    if not _is_class(value):  # an instance: its class's
        value = _type(value)
    module = _TYPE_DICT(value).get("__module__")
    return _type(module) is str and _own(module, roots, host)


def _aliases(owner: Any, attr: str) -> list[str]:
    """The other names of ``owner.attr``: each module in ``sys.modules`` that is ``owner``
    or binds ``owner`` (``os.path`` for ``posixpath``; ``json.JSONEncoder`` for the class
    ``json.encoder`` defines). Read only once something changed: it touches every module."""
    names: list[str] = []
    try:
        for name, module in list(sys.modules.items()):
            if name.startswith(_WORKER):
                continue
            if module is owner:
                names.append(f"{name}.{attr}")
            elif not _issubclass(_type(owner), _MODULE) and _issubclass(_type(module), _MODULE):
                namespace = _MODULE_DICT(module)
                if _type(namespace) is dict:
                    names += [
                        f"{name}.{k}.{attr}" for k, v in list(namespace.items()) if v is owner
                    ]
    except BaseException:  # the plugin's sys.modules: what it holds may raise when read
        pass
    return sorted(set(names))


def _real_dict(cls: type) -> dict[str, Any] | None:
    """The dict behind a class's ``__dict__`` proxy (the one its attributes are stored in)."""
    inner = gc.get_referents(_TYPE_DICT(cls))
    return inner[0] if len(inner) == 1 and _type(inner[0]) is dict else None


def _tag_reader(dicts: list[dict[str, Any]]) -> Callable[[], array[int]] | None:
    """A reader of the version tags of ``dicts``, in C (no dict's reference count changes),
    where this interpreter keeps a tag every store and delete moves; ``None`` elsewhere. Each
    tag's view is made here once (in the server, before any fork), not at every read: a read
    in a plugin's process then makes no object but the tags' integers (it made one view per
    dict: 0.13 ms of each look there, now 0.03 ms, four looks a plugin)."""
    try:
        import ctypes
    except ImportError:
        return None
    offset = _tag_offset(ctypes)
    if offset is None:
        return None
    at = ctypes.c_uint64.from_address
    value = attrgetter("value")

    views = [at(id(namespace) + offset) for namespace in dicts]

    def read() -> array[int]:
        return array("Q", _map(value, views))

    return read


def _tag_offset(ctypes: Any) -> int | None:
    """Where a dict keeps its version tag (after its header and its size), tried on a dict of
    its own: every store, replacement and delete must move it, and nothing else read there."""
    if sys.implementation.name != "cpython" or hasattr(sys, "gettotalrefcount"):
        return None
    header = object.__basicsize__
    if ctypes.sizeof(ctypes.c_ssize_t) != 8:
        return None
    probe: dict[str, int] = {}
    used = ctypes.c_ssize_t.from_address(id(probe) + header)
    tag = ctypes.c_uint64.from_address(id(probe) + header + 8)
    seen = [tag.value]
    for step in range(3):  # a new key, a replaced value, a deleted key
        if step < 2:
            probe["a"] = step
        else:
            del probe["a"]
        if used.value != len(probe) or tag.value in seen:
            return None
        seen.append(tag.value)
    return header + 8


SHARED = Shared()
