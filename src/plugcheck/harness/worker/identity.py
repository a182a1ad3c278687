"""The identity step: whether a plugin's object is an instance of the host's protocol, and which
copies of the protocol's class its type inherits from (a vendored API)."""

from __future__ import annotations

import importlib

from .describe import defined_at, module_aliases, module_file, qualname

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    from plugcheck.harness.protocol import IdentityFacts, VendoredBase

_isinstance = isinstance
_type = type
_getattr = getattr
_hasattr = hasattr


_BOUND: dict[tuple[str, str], Any] = {}
"""The host's objects the request names, looked up before the plugin's import (:func:`bind`)."""


def bind(refs: list[list[str] | None]) -> None:
    """(child, the import step, after the host's own preloads, before the plugin's module) Look
    up the host's objects the request names (the protocol, the exports' types, the registry, the
    stand-ins and result types of the factory's and the host's calls): :func:`resolve` then gives
    those, as the host holds the references it bound before it loaded plugins. Before, they were
    looked up after the plugin's import, and a plugin whose import set ``plugapi.Plugin`` to its
    own class had the identity step pass, the static PC202 withdrawn (red team red59). One that
    fails here is looked up again when used, as before."""
    for ref in refs:
        if ref and ref[0] and (ref[0], ref[1]) not in _BOUND:
            try:
                _BOUND[(ref[0], ref[1])] = resolve(ref)
            except Exception:
                continue


def resolve(ref: list[str]) -> Any:
    if (ref[0], ref[1]) in _BOUND:
        return _BOUND[(ref[0], ref[1])]
    obj: Any = importlib.import_module(ref[0])
    for part in ref[1].split("."):
        obj = _getattr(obj, part)
    return obj


def _none(obj: Any, name: str) -> bool:
    """Whether ``obj.name`` is None (a plugin's attribute that raises on this second look is
    not: its first, hasattr(), found it)."""
    try:
        return _getattr(obj, name) is None
    except Exception:
        return False


def maker(ref: list[str]) -> Any:
    """What makes a stand-in: the callable ``ref`` names, or for a literal (``["", json]``) a
    function returning a fresh copy of the value."""
    if not ref[0]:
        import json

        return lambda: json.loads(ref[1])
    return resolve(ref)


def identity_facts(obj: Any, ref: list[str]) -> IdentityFacts:
    """The identity step's facts: ``isinstance`` against the host's protocol, and the copies of
    the protocol's class (same qualified name, another class object) the object's type inherits."""
    proto = resolve(ref)
    cls = _type(obj)
    facts: IdentityFacts = {"type": qualname(cls), "expected": qualname(proto)}
    try:
        ok = bool(_isinstance(obj, proto))
        facts["structural"] = bool(_getattr(proto, "_is_protocol", False))
    except TypeError:
        members = [
            n for n in vars(proto) if not n.startswith("_") and callable(_getattr(proto, n, None))
        ]
        missing = [n for n in members if not _hasattr(obj, n)]
        ok = not missing
        facts["structural"] = True
        if missing:
            facts["missing_members"] = missing
    if not ok and facts.get("structural"):
        methods = [
            n for n in dir(proto) if not n.startswith("_") and callable(_getattr(proto, n, None))
        ]
        facts["missing_members"] = [n for n in methods if not _hasattr(obj, n)]
        # A runtime-checkable Protocol's isinstance() also fails on a method bound to None
        # (`run = None`): name it, as the static PC203 does, or the failure says no why.
        facts["none_members"] = [n for n in methods if _none(obj, n)]
    vendored: list[VendoredBase] = []
    proto_file = module_file(_getattr(proto, "__module__", ""))
    for klass in _type.__getattribute__(cls, "__mro__"):
        if klass is proto or proto in _type.__getattribute__(klass, "__mro__"):
            continue  # the host's class, or a subclass of it of the same name (Mopidy's Extension)
        if _type.__getattribute__(klass, "__qualname__") == proto.__qualname__:
            module = _type.__getattribute__(klass, "__module__")
            vendored.append(
                {"class": qualname(klass), "module": module, "file": module_file(module)}
            )
    aliases = module_aliases(proto.__module__, proto_file) if not ok or vendored else []
    # A copy among the bases decides nothing where the host's class is a Protocol: its
    # isinstance() compares members, and that check passed (the real loader accepts it).
    counted = vendored if not (ok and facts.get("structural")) else []
    facts.update(
        {
            "ok": ok and not counted,
            "isinstance": ok,
            "vendored": vendored,
            "aliases": aliases,
            "proto_module": proto.__module__,
            "proto_file": proto_file,
        }
    )
    if not facts["ok"]:
        facts["type_where"] = defined_at(cls)
    return facts
