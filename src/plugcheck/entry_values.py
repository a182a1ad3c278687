"""Entry-point values as the host reads them: ``entry-point-load = "dotted-path"`` hosts (fsspec)
take the last dotted part of a value with no ``:`` as the object; and where a dotted module's
file is under its top-level package."""

from __future__ import annotations

from pathlib import Path

from plugcheck._query import EntryPointFacts
from plugcheck.model import Contract


def module_file_under(location: Path, module: str) -> Path | None:
    """The file of dotted ``module`` whose top-level package is at ``location``."""
    if location.is_file():
        return location if "." not in module else None
    current = location
    for part in module.split(".")[1:]:
        current = current / part
    if (current / "__init__.py").is_file():
        return current / "__init__.py"
    if current.with_suffix(".py").is_file():
        return current.with_suffix(".py")
    return None


def dotted_value(value: str, contract: Contract) -> str:
    """Under ``entry-point-load = "dotted-path"``, a value with no ``:`` names its object as the
    host finds it: fsspec's ``_import_class`` imports all but the last dotted part and takes the
    last with ``getattr`` (``cc = commoncrawl_fsspec.filesystem.CommonCrawlFileSystem`` loads
    there; ep.load() would import the class's name as a module). Read as ``module:object``."""
    head = value.partition("[")[0]
    module, dot, attr = head.strip().rpartition(".")
    if contract.options.get("entry-point-load") != "dotted-path" or ":" in value or not dot:
        return value
    return f"{module}:{attr}{value[len(head.rstrip()) :]}"


def as_dotted_path(raw: EntryPointFacts, contract: Contract) -> EntryPointFacts:
    """:func:`_dotted_value` of an installed entry point, its module found beside the
    distribution's metadata."""
    value = dotted_value(raw["value"], contract)
    if value == raw["value"] or not raw["dist_path"]:
        return raw
    module = value.partition(":")[0]
    site = Path(raw["dist_path"]).parent
    top = module.partition(".")[0]
    where = site / top if (site / top).is_dir() else site / f"{top}.py"
    found = module_file_under(where, module) if where.exists() else None
    return {**raw, "value": value, "module_file": str(found) if found else None}
