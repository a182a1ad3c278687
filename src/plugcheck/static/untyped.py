"""Hosts without type information: whether mypy can read them, and why not when it cannot.

A host package installed without ``py.typed`` is analysed from its source (mypy's
``follow_untyped_imports``, per host package). What is left is a host mypy still cannot judge:
compiled without stubs, source mypy stops at, a contract type that is no class to mypy. Those
are said per plugin ("cannot verify statically", PC534), never a failed run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

_NO_SOURCE = (
    "Library stubs not installed",
    "missing library stubs or py.typed",
    "Skipping analyzing",
    "Cannot find implementation or library stub",
)
_NOT_A_TYPE = ("not valid as a type", "is not a valid type")


def installed(module: str, roots: Sequence[Path]) -> bool:
    """Whether dotted ``module`` exists under ``roots`` in any form Python imports (source,
    stub, compiled extension, namespace directory)."""
    parts = module.split(".")
    for root in roots:
        base = root.joinpath(*parts)
        if base.is_dir() or base.with_suffix(".py").is_file() or base.with_suffix(".pyi").is_file():
            return True
        if base.parent.is_dir() and (
            any(base.parent.glob(f"{parts[-1]}.*.so"))
            or any(base.parent.glob(f"{parts[-1]}.*.pyd"))
        ):
            return True
    return False


def typed(top: str, roots: Sequence[Path]) -> bool:
    """Whether the first ``top`` found under ``roots`` carries type information for mypy."""
    for root in roots:
        package = root / top
        if package.is_dir():
            return (package / "py.typed").is_file() or (package / "__init__.pyi").is_file()
        if (root / f"{top}.pyi").is_file():
            return True
        if (root / f"{top}.py").is_file():
            return False
    return False


def host_of(path: Path, roots: Sequence[Path], hosts: set[str]) -> str | None:
    """The host package (one of ``hosts``) whose installed source ``path`` is."""
    for root in roots:
        try:
            relative = path.relative_to(root)
        except ValueError:
            continue
        top = relative.parts[0].split(".")[0] if relative.parts else ""
        return top if top in hosts else None
    return None


def unanalysable(what: str, message: str, roots: Sequence[Path]) -> str | None:
    """Why mypy cannot judge the contract type ``what`` (``module:Name``) it rejected with
    ``message``, when the reason is the host's lack of type information; ``None`` when the
    contract itself is wrong (a module that is not installed, a typed host's non-type)."""
    module = what.partition(":")[0]
    top = module.split(".")[0]
    if any(marker in message for marker in _NO_SOURCE):
        if not installed(module, roots):
            return None
        return f"the host's {module} ships no type information and no source mypy can read"
    if any(marker in message for marker in _NOT_A_TYPE) and not typed(top, roots):
        return seen_as_any(what, roots)
    missing = "has no attribute" in message or "is not defined" in message
    if missing and (ignored := _ignored_whole(module, roots)):
        return (
            f"the host's {module} is marked `# type: ignore` as a whole ({ignored}): "
            "mypy reads nothing in it"
        )
    return None


def _ignored_whole(module: str, roots: Sequence[Path]) -> str | None:
    """Where the first source of dotted ``module`` under ``roots`` says ``# type: ignore``
    before its first statement (``file:line``): mypy then skips the whole module, and every
    name in it is missing to mypy (OpenTelemetry's ``instrumentation/instrumentor.py``)."""
    parts = module.split(".")
    for root in roots:
        base = root.joinpath(*parts)
        for path in (base / "__init__.py", base.with_suffix(".py")):
            if not path.is_file():
                continue
            try:
                with path.open(encoding="utf-8", errors="replace") as source:
                    head = [source.readline() for _ in range(50)]
            except OSError:
                return None
            for n, line in enumerate(head, 1):
                text = line.strip()
                if text and not text.startswith("#"):
                    return None
                if re.match(r"#\s*type:\s*ignore\s*($|#)", text):
                    return f"{path.name}:{n}"
            return None
    return None


def seen_as_any(what: str, roots: Sequence[Path]) -> str:
    """Why a contract type is ``Any`` to mypy."""
    module, _, name = what.partition(":")
    if typed(module.split(".")[0], roots):
        return f"mypy sees {name} in {module} as Any (the host declares no type for it)"
    return (
        f"{name} in the host's {module} (no type information) is made at run time, "
        "not a class mypy can see"
    )
