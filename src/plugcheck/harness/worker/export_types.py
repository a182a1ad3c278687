"""What the host's use of each found export needs at run time, judged on the real object:
a class (of the contract's base) where the contract says ``kind = "class"``, an instance of the
host's class, something callable. mypy judges the same from source, but not what it sees as
``Any`` (no annotations, a base computed at import, a class made by ``type()``): PC207 says
"the dynamic harness checks it", and this is that check (PC428)."""

from __future__ import annotations

from .describe import qualname
from .identity import resolve

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:
    from typing import Any

    from plugcheck.harness.protocol import ExportSpec

_isinstance = isinstance
_issubclass = issubclass
_type = type
_getattr = getattr
_callable = callable
_hasattr = hasattr


def attribute_path(obj: Any, dotted: str) -> tuple[bool, Any]:
    """``obj.a.b``, as ``ep.load()`` follows an entry point's ``mod:a.b``; ``(False, None)``
    where a step is missing."""
    for part in dotted.split("."):
        if not _hasattr(obj, part):
            return False, None
        obj = _getattr(obj, part)
    return True, obj


class Judge:
    """Judges each found export of the request against the host's class (or ``Callable``
    alias) it names, resolved when first needed, inside the lookup step as the identity step
    resolves its protocol (a host module the plugin did not import may take a while; the step's
    deadline covers it): a type that cannot be resolved is left unjudged (mypy's part), never
    the plugin's failure. The exports the child calls itself (the lifecycle's factory, the
    register hook) are not judged callable here: their own step calls them and reports what
    fails."""

    def __init__(self, request: dict[str, Any]) -> None:
        self.hosts: dict[str, Any] = {}
        lifecycle = request.get("lifecycle") or {}
        register = request.get("register") or {}
        self.called = {lifecycle.get("factory"), register.get("export")}

    def _host(self, export: ExportSpec) -> Any:
        name = export["name"]
        if name not in self.hosts:
            ref = export.get("type")
            try:
                self.hosts[name] = resolve(ref) if ref else None
            except BaseException:
                self.hosts[name] = None
        return self.hosts[name]

    def why(self, export: ExportSpec, value: Any) -> str | None:
        """Why the found ``value`` cannot be ``export`` (runs plugin code: inside the step)."""
        called = export["name"] in self.called
        return mismatch(value, export.get("kind"), self._host(export), called)


def _judgeable(host: Any) -> bool:
    """A plain class whose ``isinstance``/``issubclass`` answer is the host's: not a Protocol
    (structural: mypy's part), not a typing construct. Before Python 3.11 a parameterized
    builtin or ``collections.abc`` generic (``Callable[[], Plugin]``) passes for a class
    (``isinstance(list[int], type)`` is True there) and ``isinstance(value, it)`` raises
    TypeError: every plugin of such a contract was PC402 on a 3.9 or 3.10 target."""
    return (
        _isinstance(host, _type)
        and _getattr(host, "__origin__", None) is None
        and not _getattr(host, "_is_protocol", False)
    )


def _callable_alias(host: Any) -> bool:
    """``Callable[[A], B]`` (typing's or collections.abc's): the host calls the export."""
    origin = _getattr(host, "__origin__", None)
    return origin is not None and _getattr(origin, "__name__", "") == "Callable"


def mismatch(value: Any, kind: str | None, host: Any, called: bool = False) -> str | None:
    """Why ``value`` cannot be what the contract's ``kind`` and host type ask for, or None
    (``called``: the child's own step calls it, so being callable is not judged here).
    Runs plugin code (a metaclass's ``__subclasscheck__``, a ``__class__`` property): call it
    inside the plugin's step."""
    plain = _judgeable(host)  # False for None: no host type, or one not resolved
    if kind == "class":
        if not _isinstance(value, _type):
            return f"is {_a(value)}, not a class"
        if plain and not _issubclass(value, host):
            return f"is the class {qualname(value)}, which does not derive from {qualname(host)}"
        return None
    if kind == "instance" or (kind is None and plain):
        if plain and not _isinstance(value, host):
            return f"is {_a(value)}, not an instance of {qualname(host)}"
        return None
    if called:
        return None
    if kind in ("callable", "factory", "function") or _callable_alias(host):
        return None if _callable(value) else f"is {_a(value)}, which is not callable"
    return None


def _a(value: Any) -> str:
    if _isinstance(value, _type):
        return f"the class {qualname(value)}"
    return f"a {qualname(_type(value))} object"
