"""PC575: a name carries the host's hookimpl marker, but what it holds is not something pluggy
registers. ``register`` reads each attribute of the plugin and takes only Python functions,
static and class methods and bound methods (pluggy >= 1.7, through ``inspect.getattr_static``)
or routines (up to 1.6, ``inspect.isroutine``): a ``functools.partial`` object, an instance
(callable or not), a class, or under pluggy 1.7 a ``functools.lru_cache`` wrapper is passed over
without a word, so the hook never runs. The registration succeeds; the harness's twin, PC575,
finds what the real ``register`` passed over, and is explained by this one."""

from __future__ import annotations

from collections.abc import Iterator

from plugcheck.kinds.pluggy.checks import impl_location
from plugcheck.kinds.pluggy.contract import pluggy_contract, plugin_impls
from plugcheck.model import Finding, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule

PC575 = rule(
    "PC575",
    "marked-hookimpl-never-registered",
    Severity.WARNING,
    "A name carries the host's hookimpl marker but holds no function (a functools.partial, an "
    "instance, a class, a functools.lru_cache wrapper under pluggy 1.7): register() passes over "
    "it, so the hook never runs.",
)


@plugin_check(PC575)
def never_registered(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    spec = pluggy_contract(ctx.contract)
    if spec is None:
        return
    for impl in plugin_impls(ctx, plugin, spec, skipped=True):
        yield PC575.at(
            plugin,
            impl_location(impl),
            f"{impl.attr} carries {spec.project}'s hookimpl marker but is {impl.skipped}: "
            f"pluggy's register() takes only functions and methods, passes over it without "
            f"an error, and the hook {impl.hook!r} never runs",
            fix=f"define a plain `def {impl.attr}(...)` with the marker that does the work "
            "(calls the partial, the instance or the cached helper)",
            subject=impl.hook,
        )
