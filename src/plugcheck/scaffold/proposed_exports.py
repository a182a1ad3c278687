"""Which names of a plugin module the proposal requires: the host's lookups merged per export
(versions, optional, arguments), the ``Callable`` alias each call fits, and the entry function
among them."""

from __future__ import annotations

import re
from dataclasses import replace

from plugcheck.scaffold.model import Alias, Lookup, Survey
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.scaffold.syntax import MODULE_DUNDERS


def match(lookup: Lookup, aliases: list[Alias]) -> Alias | None:
    """The Callable alias a host call fits: same arity, and each argument the host names fits
    the parameter's type by name (``settings`` -> ``Settings``, ``reg`` -> ``Registry``)."""
    if lookup.args is None:
        return None
    fits = [
        a
        for a in aliases
        if (a.params == ("...",) and _open_fits(a, lookup))
        or (
            len(a.params) == len(lookup.args)
            and all(_fits(arg, p) for arg, p in zip(lookup.args, a.params, strict=True))
        )
    ]
    if lookup.returns == "instance" and lookup.return_type:
        # The host checks the result with isinstance: an alias returning another type is not
        # its type, whatever the arity (Flask's create_app() -> Flask is no
        # ShellContextProcessorCallable, a Callable[[], dict[str, Any]]).
        checked = re.escape(lookup.return_type.rpartition(":")[2])
        fits = [a for a in fits if re.search(rf"\b{checked}\b", a.returns)]
    exact = [a for a in fits if a.params != ("...",)]
    fits = exact or fits
    return fits[0] if len(fits) == 1 else None


def _open_fits(alias: Alias, lookup: Lookup) -> bool:
    """``Callable[..., R]`` takes any arguments, so arity says nothing: it fits a call only by
    what the host does with the result (drops it for ``None``, checks it against ``R``).
    Scrapy's console ``EmbedFuncT = Callable[..., None]`` is no command class, which the host
    builds and keeps."""
    if lookup.returns == "any":
        return alias.returns == "None"
    checked = (lookup.return_type or "").rpartition(":")[2]
    return bool(checked) and re.search(rf"\b{re.escape(checked)}\b", alias.returns) is not None


def _fits(arg: str, param: str) -> bool:
    if arg == "?":
        return True
    spelled, typed = arg.lower().strip("_"), param.rpartition(".")[2].lower()
    return bool(spelled) and (typed.startswith(spelled) or spelled.startswith(typed))


def _newest_first(names: list[str]) -> list[str]:
    """Versioned names (``register_v2``) by version, newest first; others keep their order."""

    def version(name: str) -> int:
        match = re.search(r"v(\d+)$", name)
        return int(match.group(1)) if match else -1

    return sorted(names, key=version, reverse=True)


def _export_name(names: list[str]) -> str:
    common = re.sub(r"_?v\d+$", "", names[0])
    return common if all(re.sub(r"_?v\d+$", "", n) == common for n in names) else names[0]


def setup_lookup(exports: list[tuple[str, Alias | None, Lookup]]) -> tuple[str, Lookup] | None:
    """The entry function: a required export the host calls with its own object (or with
    arguments no ``Callable`` alias of the API describes); among equals, the one the host's
    source calls first (Sopel's handler: ``setup``, then ``shutdown``, then ``configure``)."""
    called = [(n, lk) for n, a, lk in exports if a is None and lk.args is not None]
    called.sort(key=lambda e: (e[1].optional, e[1].host is None, _position(e[1].where)))
    return called[0] if called else None


def _position(where: str) -> tuple[str, int]:
    file, _, line = where.rpartition(":")
    return file, int(line) if line.isdigit() else 0


def returns_protocol(alias: Alias, protocols: list[tuple[str, str]]) -> bool:
    return alias.returns.rpartition(".")[2] in {n for _, n in protocols}


def merged_exports(found: Survey, aliases: list[Alias]) -> list[tuple[str, Alias | None, Lookup]]:
    """The exports the host looks up, one per name (versions merged), each with the alias it
    fits."""
    merged: dict[str, Lookup] = {}
    for lookup in found.lookups:
        if lookup.named_object:
            continue
        name = _export_name(lookup.names)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            continue
        if name in MODULE_DUNDERS:
            continue  # `getattr(m, "__all__", [])`, `m.__file__`: Python's, no plugin's
        known = merged.get(name)
        extra = [n for n in lookup.names if known is not None and n not in known.names]
        if known is not None and extra:
            # ``getattr(m, "register_v2", None) or getattr(m, "register_v1")``: one export whose
            # versions are every name looked up; required unless every lookup has a default.
            merged[name] = replace(
                known,
                names=_newest_first([*known.names, *extra]),
                optional=known.optional and lookup.optional,
                args=known.args or lookup.args,
            )
        elif (
            known is None
            or len(lookup.names) > len(known.names)
            or (lookup.host is not None and known.host is None)  # module.register(self)
        ):
            if known is not None and lookup.args is None:
                lookup.args = known.args
            merged[name] = lookup
        elif known.args is None:
            known.args = lookup.args
            if known.returns is None:  # Flask's second lookup is where it checks the result
                known.returns, known.return_type = lookup.returns, lookup.return_type
    # A name the host reads here and calls there (or looks up with getattr) is no mere value.
    used = {_export_name(lk.names) for lk in found.lookups if lk.names and not lk.read}
    merged = {
        name: replace(lookup, read=False) if lookup.read and name in used else lookup
        for name, lookup in merged.items()
    }
    return [(name, match(lookup, aliases), lookup) for name, lookup in sorted(merged.items())]


def export_lines(exports: list[tuple[str, Alias | None, Lookup]]) -> list[str]:
    """The ``exports`` table's lines: each name the host looks up, with its evidence."""
    lines: list[str] = []
    for export, alias, lookup in exports:
        type_ = f"{alias.module}:{alias.name}" if alias else None
        comment = f"  # host: {lookup.where}"
        if lookup.refused and not type_:
            # The default is a string the host tests: a plugin's own value must be one too.
            kind = '{ type = "builtins:str", kind = "instance" }'
            lines.append(f"{export} = {kind}  # {lookup.refused}; host: {lookup.where}")
        elif len(lookup.names) > 1 or lookup.optional:
            parts = []
            if len(lookup.names) > 1:
                parts.append("versions = [" + ", ".join(map(toml_string, lookup.names)) + "]")
            if type_:
                parts.append(f"type = {toml_string(type_)}")
            if lookup.optional:
                parts.append("optional = true")
            lines.append(f"{export} = {{ {', '.join(parts)} }}{comment}")
        elif type_:
            lines.append(f"{export} = {toml_string(type_)}{comment}")
        elif lookup.read:
            lines.append(f'{export} = {{ kind = "any" }}  # the host reads it: {lookup.where}')
        else:
            # `module.get_handler(...)` works as well with a class or any callable the module
            # binds to the name (mkdocstrings-crystal's `get_handler = CrystalHandler`).
            lines.append(f'{export} = {{ kind = "callable" }}{comment}')
    return lines
