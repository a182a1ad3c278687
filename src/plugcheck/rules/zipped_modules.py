"""A ``module-name-pattern`` host imports matching modules from a zip archive on its path too
(an egg: ``pkgutil.iter_modules`` lists zipimport's entries, and the first entry of a name is
the one imported). plugcheck reads plugins from folders only: each such module is said in a
note, and a run with no findings names it as left out instead of "passed"."""

from __future__ import annotations

from collections.abc import Iterator

from plugcheck.model import Finding, Partial
from plugcheck.module_scan import matching, name_pattern
from plugcheck.rules.base import Context, contract_check
from plugcheck.rules.whole_plugin import PC001


@contract_check(PC001)  # plugins plugcheck cannot read
def zipped_modules(ctx: Context) -> Iterator[Finding]:
    scan = name_pattern(ctx.contract.options.get("module-name-pattern"))
    path = (*ctx.contract.search_path, *ctx.env.sys_path)
    listed = matching(scan, path, ctx.env.extension_suffixes, zipped=True) if scan else []
    for module in listed:
        ctx.notes.append(
            Partial(
                f"{ctx.contract.name}: module-name-pattern: {module.name} matches in the zip"
                f" archive {module.path}, which the host imports it from; plugcheck does not"
                " read plugins inside archives: not checked"
            )
        )
    return iter(())
