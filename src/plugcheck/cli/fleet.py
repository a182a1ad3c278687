"""The commands that build environments and run the full check in each: ``impact`` (a host or
API change) and ``matrix`` (plugins x versions)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from plugcheck.model import Severity
from plugcheck.options import Options, UsageError
from plugcheck.untrusted import printable

if TYPE_CHECKING:
    pass
from plugcheck.cli.shared import (
    config_option,
    contract_option,
    ignore_option,
    parse_codes,
    parse_shard,
    select_option,
)

_T = TypeVar("_T")


def _environments(command: Callable[..., None]) -> Callable[..., None]:
    """The options of the commands that build environments (`impact`, `matrix`) and run the
    full check in each."""
    for decorator in reversed(
        [
            click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
            click.option(
                "--requirements",
                "-r",
                type=click.Path(path_type=Path, dir_okay=False, exists=True),
                help="Plugin distributions to install in every environment (a requirements file).",
            ),
            click.option(
                "--find-links",
                multiple=True,
                type=click.Path(path_type=Path, exists=True),
                help="A directory of wheels (or sdists) to install from, besides the index.",
            ),
            click.option("--no-index", is_flag=True, help="Install only from --find-links."),
            click.option(
                "--allow-builds",
                is_flag=True,
                help="Build distributions that have no wheel (runs their setup.py as you; "
                "refused by default).",
            ),
            config_option,
            contract_option,
            select_option,
            ignore_option,
            click.option(
                "--fail-on",
                type=click.Choice([s.value for s in Severity]),
                help="Lowest severity that makes a plugin broken (default: the config's, else "
                "warning).",
            ),
            click.option(
                "--shard",
                callback=lambda _ctx, _param, value: parse_shard(value),
                metavar="I/N",
                help="Check only the I-th of N deterministic slices (CI matrices).",
            ),
            click.option(
                "--no-mypy", is_flag=True, help="Skip the signature checks with mypy (PC2xx)."
            ),
            click.option("--no-dynamic", is_flag=True, help="Skip the dynamic harness (PC4xx)."),
            click.option(
                "--jobs",
                "-j",
                type=click.IntRange(min=1),
                help="Plugins the harness runs at once; N > 1 also splits the static pass.",
            ),
            click.option(
                "--no-confinement",
                is_flag=True,
                help="Run plugin processes without Landlock and seccomp.",
            ),
            click.option(
                "--debug", is_flag=True, help="Show tracebacks instead of one-line errors."
            ),
        ]
    ):
        command = decorator(command)
    return command


def _environment_check(
    kwargs: dict[str, Any],
) -> tuple[Options, Path | None, tuple[Path, ...], bool, bool]:
    """The check each environment runs, from the options `_environments` adds (taken out of
    ``kwargs``); with the requirements file, the find-links, no-index and debug."""
    fail_on = kwargs.pop("fail_on")
    options = Options(
        paths=kwargs.pop("paths"),
        config=kwargs.pop("config"),
        contracts=kwargs.pop("contracts"),
        select=parse_codes(kwargs.pop("select"), "--select"),
        ignore=parse_codes(kwargs.pop("ignore"), "--ignore"),
        fail_on=Severity(fail_on) if fail_on else None,
        shard=kwargs.pop("shard"),
        mypy=not kwargs.pop("no_mypy"),
        dynamic=not kwargs.pop("no_dynamic"),
        jobs=kwargs.pop("jobs"),
        confine=not kwargs.pop("no_confinement"),
    )
    return (
        options,
        kwargs.pop("requirements"),
        kwargs.pop("find_links"),
        kwargs.pop("no_index"),
        kwargs.pop("debug"),
    )


def _run_or_exit(debug: bool, run: Callable[[], _T]) -> _T:
    try:
        return run()
    except UsageError as exc:
        if debug:
            raise
        for problem in exc.problems:
            click.echo(f"plugcheck: error: {printable(problem)}", err=True)
        sys.exit(2)


@click.command("impact")
@click.option("--before", required=True, metavar="SPEC", help="The host or API as it is now.")
@click.option("--after", required=True, metavar="SPEC", help="The host or API as it will be.")
@click.option(
    "--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@_environments
def impact_command(before: str, after: str, output_format: str, **kwargs: Any) -> None:
    """Which plugins a new host or API version breaks, and because of which API change.

    SPEC is a directory (a project to install, or a tree holding the contract's
    api-distribution project), a git ref of the host's repository, or a requirement
    (myhost-api==2.3.0). Each side gets its own environment (cached), the full check runs on
    both, and the report is the delta. Exit status: 1 when a plugin newly breaks, 2 on a
    usage error or an incomplete run, else 0."""
    from plugcheck.impact.render import json_text, text
    from plugcheck.impact.run import ImpactOptions, impact

    check, requirements, find_links, no_index, debug = _environment_check(kwargs)
    options = ImpactOptions(
        builds=kwargs.pop("allow_builds"),
        before=before,
        after=after,
        check=check,
        requirements=requirements,
        find_links=find_links,
        no_index=no_index,
    )
    result = _run_or_exit(debug, lambda: impact(options))
    click.echo((json_text if output_format == "json" else text)(result), nl=False)
    sys.exit(2 if result.incomplete() else 1 if result.failed() else 0)


@click.command("matrix")
@click.option(
    "--version",
    "versions",
    multiple=True,
    required=True,
    metavar="SPEC",
    help="A column: a host or API version, as `impact` takes a SPEC (repeat, in order).",
)
@click.option(
    "--output-format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="html: one self-contained page, cells coloured by their worst finding.",
)
@click.option("--no-cache", is_flag=True, help="Check every cell again (not only changed ones).")
@_environments
def matrix_command(
    versions: tuple[str, ...], output_format: str, no_cache: bool, **kwargs: Any
) -> None:
    """Plugins x host (or API) versions: each cell a full check of one plugin in the
    environment of one version. Cells are cached (a re-run checks only what changed); with
    --shard I/N a job checks one slice of the cells, and `plugcheck merge` joins the shards'
    JSON reports. Exit status: 1 when a cell has a finding at or above --fail-on, 2 on a usage
    error or an incomplete run, else 0."""
    from plugcheck.impact.grid import html_text, json_text, text
    from plugcheck.impact.matrix import MatrixOptions, matrix

    check, requirements, find_links, no_index, debug = _environment_check(kwargs)
    options = MatrixOptions(
        builds=kwargs.pop("allow_builds"),
        versions=versions,
        check=check,
        requirements=requirements,
        find_links=find_links,
        no_index=no_index,
        cache=not no_cache,
    )
    result = _run_or_exit(debug, lambda: matrix(options))
    render = {"text": text, "json": json_text, "html": html_text}[output_format]
    click.echo(render(result), nl=False)
    sys.exit(2 if result.errors else 1 if result.failed() else 0)
