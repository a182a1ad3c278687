"""PC351 / PC352: the plugin ships or imports a copy of the API, or imports it under another
name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from plugcheck.autofix import made
from plugcheck.model import (
    Autofix,
    Finding,
    Location,
    Plugin,
    Related,
)
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.identity.api_view import (
    Api,
    ImportTarget,
    api_of,
    copies_of,
    import_targets,
    inside,
    own_files,
    shown_path,
)
from plugcheck.rules.identity.codes import PC351, PC352


@plugin_check(PC351, PC352)
def copies_and_names(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    api = api_of(ctx)
    if api is None:
        return
    copies = copies_of(ctx, plugin, api)
    reached: set[Path] = set()
    for path in own_files(plugin, copies, api):
        info = ctx.index.info(path)
        if info is None:
            continue
        flagged: set[int] = set()
        for target in import_targets(ctx, plugin, info, api):
            ref = target.ref
            if ref.line in flagged:
                continue
            where = Location(path, ref.line, ref.col)
            copy = inside(target.path, copies) if target.path else None
            if copy is not None:
                flagged.add(ref.line)
                reached.add(copy)
                yield PC351.at(
                    plugin,
                    where,
                    f"imports {target.dotted}, a vendored copy of {api.name} inside the plugin; "
                    f"its classes are not the host's, so isinstance(obj, {api.name}.<Type>) "
                    "fails in the host",
                    fix=f"delete the copy and import {api.name} itself (declare the API "
                    "distribution as a dependency)",
                    related=[Related(Location(copies[copy]), f"the vendored copy of {api.name}")],
                    autofix=_retargeted(
                        where,
                        target.dotted,
                        _in_copy(copy, target.path, api) if target.path else None,
                        f"; the copy at {shown_path(copy, plugin)} is then unused: delete it",
                    ),
                )
                continue
            problem = _other_name(api, target)
            if problem is not None:
                flagged.add(ref.line)
                related = (
                    [Related(Location(target.path), f"the host's {api.name}")]
                    if target.path is not None and api.module_of(target.path)
                    else []
                )
                yield PC352.at(
                    plugin,
                    where,
                    problem,
                    fix=f"import it by its own name: `import {api.name}` / "
                    f"`from {api.name} import ...`",
                    related=related,
                    autofix=_retargeted(where, target.dotted, _canonical(api, target), ""),
                )
    for copy, file in sorted(copies.items()):
        if copy in reached:
            continue
        yield PC351.at(
            plugin,
            Location(file, 1),
            f"the plugin ships a copy of {api.name} at {shown_path(copy, plugin)}; "
            f"whichever code imports it gets classes that are not the host's, and "
            f"isinstance(obj, {api.name}.<Type>) fails in the host",
            fix=f"delete the copy and depend on the API distribution; import {api.name}",
        )


def _retargeted(where: Location, written: str, canonical: str | None, then: str) -> Autofix | None:
    if canonical is None:
        return None
    message = f"import {canonical} instead of {written}{then}"
    # libcst loads with the first fix made: a third of plugcheck's start-up otherwise
    from plugcheck.autofix.imports import retarget

    return made(lambda: retarget(where.path, where.line, written, canonical, message))


def _in_copy(copy: Path, path: Path, api: Api) -> str | None:
    """The API module that ``path`` (inside the vendored ``copy``) is a copy of."""
    if copy.suffix == ".py":
        return api.name if path == copy else None
    try:
        parts = path.relative_to(copy).with_suffix("").parts
    except ValueError:
        return None
    return ".".join((api.name, *(parts[:-1] if parts[-1:] == ("__init__",) else parts)))


def _canonical(api: Api, target: ImportTarget) -> str | None:
    """The API's own name for the module ``target`` reaches under another name."""
    if target.path is not None and (module := api.module_of(target.path)) is not None:
        return module
    written = target.dotted.lstrip(".").split(".")
    width = len(api.parts)
    for i in range(len(written) - width + 1):
        if tuple(written[i : i + width]) == api.parts:
            return ".".join(written[i:])
    return None


def _other_name(api: Api, target: ImportTarget) -> str | None:
    """Why ``target`` reaches the API under a name that is not the API's, or ``None``."""
    canonical = api.module_of(target.path) if target.path is not None else None
    dotted = target.dotted
    written = dotted.lstrip(".").split(".")
    if canonical is not None and canonical != dotted:
        return (
            f"imports {dotted}, which is the host's {canonical} under another module name; "
            f"Python loads it a second time, and its classes fail isinstance checks against "
            f"the host's {api.name}"
        )
    if canonical is not None:
        return None
    width = len(api.parts)
    hits = [
        i
        for i in range(len(written) - width + 1)
        if tuple(written[i : i + width]) == api.parts and (i > 0 or target.climbs)
    ]
    if hits and target.path is None:
        how = "a relative import climbing out of the plugin" if dotted.startswith(".") else dotted
        return (
            f"imports the API as {dotted} ({how}); it only resolves through a path hack, and "
            f"gives a second module object beside the host's {api.name}, whose classes fail "
            "isinstance checks"
        )
    return None
