"""Which extra of a plugin's distribution declares a module the plugin imports (PC309).

python-lsp-server's own `pylsp` entry points import yapf, autopep8 and flake8, which it declares
only under extras of those names; pylsp blocks an entry point whose import fails, so without the
extra that plugin is simply off, as its distribution says. Judged from the installed metadata:
the missing module's top-level name must be, canonicalized, the name of a requirement that the
distribution declares under an extra and not without one. Only a host that goes on without a
plugin whose import fails (``skips-failed-imports``) makes that a warning: pytest, flake8 and
most hosts stop at start-up, whatever the plugin's distribution declares.
"""

from __future__ import annotations

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from plugcheck import config as _config
from plugcheck import projectmeta
from plugcheck.model import Plugin
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.pinning.requirements import applies, marker_environment

SKIPS_FAILED_IMPORTS = "skips-failed-imports"

FIELDS = {
    SKIPS_FAILED_IMPORTS: _config.Field(
        _config.boolean,
        _config.BOOLEAN,
        "The host goes on without a plugin whose import fails (python-lsp-server blocks it): "
        "a module the plugin's distribution declares only under an extra that is not installed "
        "is a warning, not an error (default false; PC309).",
    ),
}
"""Contract keys of PC309's optional extras (any Python kind)."""


def skips_failed_imports(ctx: Context) -> bool:
    """Whether the contract says the host goes on without a plugin whose import fails."""
    return ctx.contract.options.get(SKIPS_FAILED_IMPORTS, False) is True


def optional_extra(ctx: Context, plugin: Plugin, module: str) -> str | None:
    """The extra of the plugin's distribution that alone requires the distribution named like
    ``module``'s top level (``yapf`` for ``yapf.yapflib``), or ``None``."""
    ep = plugin.entry_point
    if ep is None or not ep.distribution:
        return None
    extras = _extras_of(ctx, ep.distribution)
    return extras.get(canonicalize_name(module.partition(".")[0]))


def _extras_of(ctx: Context, distribution: str) -> dict[str, str]:
    """Requirement name -> the first extra that requires it, for the requirements of
    ``distribution`` that apply on the target only with an extra."""

    def compute() -> dict[str, str]:
        found = projectmeta.installed(distribution, ctx.env.sys_path)
        if found is None:
            return {}
        base = marker_environment(ctx)
        plain: set[str] = set()
        extras: dict[str, set[str]] = {}
        for text in found[1]:
            try:
                req = Requirement(text)
            except InvalidRequirement:
                continue
            name = canonicalize_name(req.name)
            if applies(req.marker, base):
                plain.add(name)
                continue
            extra = _extra_named(text)
            if extra and applies(req.marker, {**base, "extra": extra}):
                extras.setdefault(extra, set()).add(name)
        # The narrowest extra that brings the name: python-lsp-server's `yapf` (yapf and
        # whatthepatch) rather than its `all`.
        optional: dict[str, str] = {}
        for narrowest, names in sorted(extras.items(), key=lambda item: (len(item[1]), item[0])):
            for needed in names - plain:
                optional.setdefault(needed, narrowest)
        return optional

    return memo(ctx, ("optional-extras", canonicalize_name(distribution)), compute)


def _extra_named(text: str) -> str | None:
    """The extra a requirement's marker compares with (``extra == "yapf"``)."""
    marker = text.partition(";")[2]
    for quote in ('"', "'"):
        _, sep, rest = marker.partition(f"extra == {quote}")
        if sep:
            return canonicalize_name(rest.partition(quote)[0])
    return None
