"""What the commands share: rule-code lists, ``--shard``, ``--api-version`` and the common
options (parsed into plain values; click's errors become one-line usage errors)."""

from __future__ import annotations

from pathlib import Path

import click
from packaging.version import InvalidVersion, Version


def parse_codes(value: str | None, option: str) -> tuple[str, ...]:
    if not value:
        return ()
    from plugcheck.registry import RULES

    codes = tuple(c.strip().upper() for c in value.split(",") if c.strip())
    for code in codes:
        if not code.startswith("PC") or not any(r.startswith(code) for r in RULES):
            raise click.BadParameter(
                f"{code!r} matches no rule code (see `plugcheck rules`)", param_hint=option
            )
    return codes


def parse_shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    index, _, count = value.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise click.BadParameter(f"{value!r} is not I/N with 1 <= I <= N (e.g. 2/4)")
    return int(index), int(count)


def parse_api_versions(value: str | None) -> tuple[str, ...]:
    versions = tuple(v.strip() for v in (value or "").split(",") if v.strip())
    for version in versions:
        try:
            Version(version)
        except InvalidVersion:
            raise click.BadParameter(f"{version!r} is not a version (PEP 440)") from None
    return versions


# Options `check` and `impact` share.
config_option = click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    help="pyproject.toml holding [tool.plugcheck] (default: nearest one upwards from the first "
    "path, then from the working directory; else the contracts that apply to the plugin project).",
)
contract_option = click.option(
    "--contract",
    "contracts",
    multiple=True,
    help="Check only this contract (in a plugin project: a published or bundled one, by name "
    "or bundled file name, e.g. sphinx).",
)
select_option = click.option("--select", help="Comma-separated rule codes or prefixes to enable.")
ignore_option = click.option("--ignore", help="Comma-separated rule codes or prefixes to disable.")
python_option = click.option(
    "--python",
    "python",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Interpreter whose environment the host runs in (default: this one).",
)
