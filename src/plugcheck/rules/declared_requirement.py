"""The plugin's own declared requirement that provides a module it imports (``semver~=2.13.0``
for ``import semver``), so that a failed import can say what the plugin asked for."""

from __future__ import annotations

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from plugcheck.environment import Environment
from plugcheck.model import Plugin
from plugcheck.rules.pinning import applies


def declared_requirement(
    plugin: Plugin, module: str | None, env: Environment | None
) -> tuple[str, str | None] | None:
    """The plugin's declared requirement that provides the top-level ``module``, and the
    installed version of its distribution (``None``: not installed), when one does."""
    if module is None or plugin.project is None:
        return None
    # Markers are judged as pinning judges them (no extra asked; an undecidable marker applies).
    markers = {**env.markers, "extra": ""} if env is not None and env.markers else None
    requirements = []
    for text in plugin.project.requires:
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            continue
        if markers is None or applies(requirement.marker, markers):
            requirements.append(requirement)
    top = _normal(module.split(".")[0])
    # Same name first (semver: semver), then without a python-/py prefix (PyYAML: yaml).
    for loose in (False, True):
        for requirement in requirements:
            if top in _spellings(requirement.name, loose):
                dist = canonicalize_name(requirement.name)
                installed = env.distributions.get(dist) if env is not None else None
                return str(requirement), installed
    return None


def _normal(name: str) -> str:
    return canonicalize_name(name).replace("-", "_")


def _spellings(distribution: str, loose: bool) -> set[str]:
    base = _normal(distribution)
    if not loose:
        return {base}
    return {base.removeprefix(p) for p in ("python_", "py") if base.startswith(p)} - {""}
