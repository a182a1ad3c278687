"""The target query's answer read back in plugcheck (``_query.py`` runs in the target): every
key of a ``Description`` checked, as the answer of another interpreter (or a cache file) is
data, not a promise."""

from __future__ import annotations

from plugcheck._query import Description

_STR = (str,)
_OPTIONAL_STR = (str, type(None))
_DESCRIPTION: dict[str, tuple[type, ...]] = {
    "executable": _STR,
    "version": (list,),
    "implementation": _STR,
    "maxsize": (int,),
    "sys_path": (list,),
    "ext_suffix": _OPTIONAL_STR,
    "platform": _STR,
    "entry_points": (list,),
    "extension_suffixes": (list,),
    "markers": (dict,),
    "tags": (list, type(None)),
    "distributions": (dict,),
    "unreadable": (list,),
    "unchecked": (list,),
    "requirements": (dict,),
    "entry_modules": (dict,),
}
_UNCHECKED: dict[str, tuple[type, ...]] = {
    "dist": _STR,
    "reason": _STR,
    "file": _STR,
    "line": (int,),
    "group": _OPTIONAL_STR,
    "name": _OPTIONAL_STR,
}
_ENTRY_POINT: dict[str, tuple[type, ...]] = {
    "name": _STR,
    "group": _STR,
    "value": _STR,
    "module_file": _OPTIONAL_STR,
    "dist_name": _OPTIONAL_STR,
    "dist_version": _OPTIONAL_STR,
    "dist_path": _OPTIONAL_STR,
    "requires": (list,),
    "dynamic": (list,),
}


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def parse_description(data: object) -> Description | None:
    """``data`` (a decoded answer of this script) as a ``Description``; ``None`` when a key is
    missing or of the wrong type."""
    if not isinstance(data, dict) or any(
        not isinstance(data.get(k, ...), types) for k, types in _DESCRIPTION.items()
    ):
        return None
    version = data["version"]
    if len(version) < 3 or not all(type(v) is int for v in version):
        return None
    lists = ("sys_path", "extension_suffixes", "unreadable")
    if not all(_strings(data[k]) for k in lists) or not (
        data["tags"] is None or _strings(data["tags"])
    ):
        return None
    for table in ("markers", "distributions"):
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in data[table].items()):
            return None
    for table in ("requirements", "entry_modules"):
        if not all(isinstance(k, str) and _strings(v) for k, v in data[table].items()):
            return None
    for ep in data["entry_points"]:
        if not isinstance(ep, dict) or any(
            not isinstance(ep.get(k, ...), types) for k, types in _ENTRY_POINT.items()
        ):
            return None
        if not (_strings(ep["requires"]) and _strings(ep["dynamic"])):
            return None
    for item in data["unchecked"]:
        if not isinstance(item, dict) or any(
            not isinstance(item.get(k, ...), types) for k, types in _UNCHECKED.items()
        ):
            return None
    described: Description = data  # type: ignore[assignment]  # every key checked above
    return described
