"""The ``plugcheck`` command line.

Rooms: ``shared`` (options and values the commands share), ``fleet`` (``impact`` and ``matrix``,
which build environments); this module holds the group and the other commands."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from plugcheck._version import __version__
from plugcheck.model import Severity
from plugcheck.options import Options, UsageError
from plugcheck.progress import ProgressBar
from plugcheck.report import FORMATS
from plugcheck.untrusted import printable

if TYPE_CHECKING:
    from plugcheck.fixing import Diff
    from plugcheck.run_report import Report
from plugcheck.cli.fleet import impact_command, matrix_command
from plugcheck.cli.shared import (
    config_option,
    contract_option,
    ignore_option,
    parse_api_versions,
    parse_codes,
    parse_shard,
    python_option,
    select_option,
)

# The engine, the kinds and the rules are imported inside the commands that use them, so that
# `plugcheck --version` and `--help` load none of the passes.


def _harness_total(options: Options) -> int:
    """How many plugins the harness may drive: a discovery-only run (no check enabled)."""
    from plugcheck.engine import check
    from plugcheck.kinds import python_kinds

    found = check(replace(options, static=False, dynamic=False, mypy=False))
    python = python_kinds()
    python_contracts = {c.name for c in found.config.contracts if c.kind in python}
    return sum(1 for p in found.plugins if p.contract in python_contracts)


class _Main(click.Group):
    """Usage errors of the subcommands as one line on stderr and exit status 2, like
    configuration errors (not click's usage block)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            message = exc.format_message().rstrip(".")
            if "(see " not in message:
                where = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
                message += f" (see `{where} --help`)"
            click.echo(f"plugcheck: error: {message}", err=True)
            sys.exit(2)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plugcheck")
def main() -> None:
    """Check that plugins will load and behave in their host, before they ship."""


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@python_option
@contract_option
@select_option
@ignore_option
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    help="Lowest severity that makes the exit status 1 (default: warning).",
)
@click.option(
    "--output-format",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
)
@click.option(
    "--shard",
    callback=lambda _ctx, _param, value: parse_shard(value),
    metavar="I/N",
    help="Check only the I-th of N deterministic slices of the plugins (CI matrices).",
)
@click.option(
    "--show-suppressed", is_flag=True, help="Also list findings silenced by suppressions."
)
@click.option("--no-mypy", is_flag=True, help="Skip the signature checks with mypy (PC2xx).")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the caches (mypy's, the static pass's results).",
)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help=(
        "Cache directory (default: cache-dir from the config, else a directory per host under "
        "$PLUGCHECK_CACHE_DIR, else .plugcheck_cache/)."
    ),
)
@click.option(
    "--strict-plugins",
    is_flag=True,
    help="Also report type errors inside plugin code, unrelated to the contract (PC208).",
)
@click.option("--no-dynamic", is_flag=True, help="Skip the dynamic harness (PC4xx).")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Plugins the harness runs at once (default: number of CPUs); with N > 1 the static "
    "pass also splits the plugins over N worker processes (same findings).",
)
@click.option(
    "--require-confinement",
    is_flag=True,
    help="Exit 2 where what plugin processes read and write cannot be confined (neither "
    "Landlock nor user namespaces), or a fork server could not confine as the report says.",
)
@click.option(
    "--no-confinement",
    is_flag=True,
    help="Run the harness's plugin processes without Landlock and seccomp (as on a kernel "
    "without them).",
)
@click.option(
    "--untrusted-plugins",
    is_flag=True,
    help="The plugins' authors are not trusted (a registry): a plugin's own process cannot "
    "withdraw a static error, nor a comment in its files silence a finding, nor a plugin "
    "project's own .plugcheck_cache/ be read; contracts come from --config (a [tool.plugcheck] "
    "found instead is refused), --contract or what the plugin project's host publishes.",
)
@click.option("--harness-only", is_flag=True, hidden=True)
@click.option(
    "--api-version",
    "api_versions",
    callback=lambda _ctx, _param, value: parse_api_versions(value),
    metavar="V[,V...]",
    help="Check API pinning against these API versions instead of the installed one; "
    "several print a plugins x versions compatibility matrix.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="A progress bar for the harness on stderr (default: when stderr is a terminal).",
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Also say on stderr how much work the run did (files parsed, cached results used).",
)
@click.option(
    "--fix", is_flag=True, help="Apply the safe fixes, then report what remains (see --diff)."
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also count, mark and apply the fixes that may change behaviour.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print a unified diff of what --fix would change and change nothing; exit 1 when "
    "there is a diff.",
)
@click.option(
    "--fix-only", is_flag=True, help="Apply the fixes and report only how many were applied."
)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def check_command(
    paths: tuple[Path, ...],
    config: Path | None,
    python: Path | None,
    contracts: tuple[str, ...],
    select: str | None,
    ignore: str | None,
    fail_on: str | None,
    output_format: str,
    shard: tuple[int, int] | None,
    show_suppressed: bool,
    no_mypy: bool,
    no_cache: bool,
    cache_dir: Path | None,
    strict_plugins: bool,
    no_dynamic: bool,
    jobs: int | None,
    require_confinement: bool,
    no_confinement: bool,
    untrusted_plugins: bool,
    harness_only: bool,
    progress: bool | None,
    api_versions: tuple[str, ...],
    verbose: bool,
    debug: bool,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    fix_only: bool = False,
) -> None:
    """Check the plugins of a host (PATHS: the host directory, or plugin paths)."""
    options = Options(
        paths=paths,
        config=config,
        python=python,
        contracts=contracts,
        select=parse_codes(select, "--select"),
        ignore=parse_codes(ignore, "--ignore"),
        fail_on=Severity(fail_on) if fail_on else None,
        api_versions=api_versions,
        shard=shard,
        show_suppressed=show_suppressed,
        cache=not no_cache,
        cache_dir=cache_dir,
        strict_plugins=strict_plugins,
        dynamic=harness_only or not no_dynamic,
        static=not harness_only,
        mypy=not no_mypy and not harness_only,
        jobs=jobs,
        require_confinement=require_confinement,
        confine=not no_confinement,
        untrusted_plugins=untrusted_plugins,
        unsafe_fixes=unsafe_fixes,
    )
    from plugcheck.engine import check
    from plugcheck.report import renderers

    bar = None
    try:
        if options.dynamic and (progress if progress is not None else sys.stderr.isatty()):
            bar = ProgressBar(sys.stderr, _harness_total(options))
            options = replace(options, progress=True, on_result=bar)
        report = check(options)
        fixed = shown = None
        from plugcheck import fixing

        if diff:
            shown = fixing.diff(options, report)
        elif fix or fix_only:
            report, fixed = fixing.fix(options, report)
    except UsageError as exc:
        if bar is not None:
            bar.close()
        if debug:
            raise
        for problem in exc.problems:
            click.echo(f"plugcheck: error: {printable(problem)}", err=True)
        sys.exit(2)
    if bar is not None:
        bar.close()
    if verbose:
        for what, count in sorted(report.counts.items()):
            click.echo(f"plugcheck: {what}: {count}", err=True)
    if shown is not None:
        _diff(report, shown)
    if fix_only:
        click.echo(f"Fixed {fixed} finding{'s' if fixed != 1 else ''}.")
        sys.exit(2 if report.crashes or report.errors else 0)
    # Renderers decide about colour themselves (text: a TTY, NO_COLOR); keep what they chose.
    click.echo(renderers()[output_format](report), nl=False, color=True)
    if report.crashes or report.errors:
        sys.exit(2)
    sys.exit(1 if report.failed() else 0)


@main.command("contracts")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@config_option
@python_option
@contract_option
def contracts_command(
    paths: tuple[Path, ...], config: Path | None, python: Path | None, contracts: tuple[str, ...]
) -> None:
    """List the contracts `plugcheck check` would use here, where each came from and, in a
    plugin project, why each applies or not: the nearest [tool.plugcheck], else the plugin
    project's hosts' published contracts, else the ones bundled with plugcheck."""
    from plugcheck.engine import resolve_config

    try:
        found, _ = resolve_config(
            Options(paths=paths, config=config, python=python, contracts=contracts)
        )
    except UsageError as exc:
        for passed in exc.passed_over:
            click.echo(f"not applied: {printable(passed)}")
        for problem in exc.problems:
            click.echo(f"plugcheck: error: {printable(problem)}", err=True)
        sys.exit(2)
    for contract in found.contracts:
        group = (
            f", entry-point group{'s matching' if contract.group_pattern else ''} "
            f"{printable(contract.entry_point_group)}"
            if contract.entry_point_group
            else ""
        )
        # A published contract's name and group are a distribution's text, as its origin is.
        name = printable(contract.name)
        click.echo(f"{name} ({contract.kind}{group}): {printable(found.origin(contract))}")
        if contract.name in found.reasons:
            click.echo(f"  applies: {printable(found.reasons[contract.name])}")
    for passed in found.passed_over:
        click.echo(f"not applied: {printable(passed)}")
    for note in found.notes:
        click.echo(f"note: {printable(note)}")


def _diff(report: Report, shown: Diff) -> None:
    """``--diff``: what ``--fix`` would leave, over all its rounds, as a unified diff on stdout;
    exit 1 when there is one."""
    for reason in shown.refused:
        click.echo(f"plugcheck: {printable(reason)}", err=True)
    for problem in shown.unwritten:
        click.echo(f"plugcheck: error: {printable(problem)}", err=True)
    click.echo(shown.text, nl=False)
    count = shown.count
    rounds = f" in {shown.rounds} rounds" if shown.rounds > 1 else ""
    click.echo(f"Would fix {count} finding{'s' if count != 1 else ''}{rounds}.", err=True)
    failed = report.crashes or report.errors or shown.unwritten
    sys.exit(2 if failed else 1 if shown.text else 0)


@main.command("merge")
@click.argument(
    "reports",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--output-format",
    type=click.Choice(["same", "text", "html"]),
    default="same",
    show_default=True,
    help="same: the inputs' format; text and html: for `plugcheck matrix` reports.",
)
def merge_command(reports: tuple[Path, ...], output_format: str) -> None:
    """Merge the JSON (or SARIF) reports of `plugcheck check --shard I/N` runs, or the JSON
    reports of `plugcheck matrix` or `plugcheck impact` --shard I/N runs, into one report of
    the same format on stdout. Exit status as `check`: 2 when a shard's run was incomplete, 1
    when one failed, else 0."""
    import json

    from plugcheck.report.merge import MergeError, kind, merge

    documents = []
    try:
        for path in reports:
            try:
                document = json.loads(path.read_bytes())
                kind(document)
            except (OSError, ValueError, MergeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) else exc
                raise MergeError(f"{path}: {reason or 'cannot read'}") from None
            documents.append(document)
        merged = merge(documents)
        if output_format != "same" and kind(merged) != "matrix":
            raise MergeError(f"--output-format {output_format}: only for matrix reports")
    except MergeError as exc:
        click.echo(f"plugcheck: error: {printable(str(exc))}", err=True)
        sys.exit(2)
    if output_format == "same":
        click.echo(json.dumps(merged, indent=2))
    else:
        from plugcheck.impact.grid import html_page, text_of

        click.echo((html_page if output_format == "html" else text_of)(merged), nl=False)
    if "runs" in merged:
        run = merged["runs"][0]
        incomplete = not run["invocations"][0]["executionSuccessful"]
        failed = bool(run["properties"].get("failed"))
    else:
        sides = merged.get("sides", [])
        errors = [*merged.get("errors", []), *(e for side in sides for e in side["errors"])]
        incomplete, failed = bool(errors), bool(merged["summary"]["failed"])
    sys.exit(2 if incomplete else 1 if failed else 0)


@main.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the table README.md embeds (scripts/gen_rules_table.py writes it there).",
)
def rules_command(fmt: str) -> None:
    """List every rule: code, name, severity, phase (static/dynamic), summary."""
    from plugcheck.registry import RULES
    from plugcheck.ruledocs import markdown_table

    if fmt == "markdown":
        click.echo(markdown_table(RULES.values()), nl=False)
        return
    for rule in sorted(RULES.values(), key=lambda r: r.code):
        click.echo(
            f"{rule.code}  {rule.name:<32} {rule.severity.value:<8} {rule.phase.value:<8} "
            f"{rule.summary}"
        )


@main.command("rule")
@click.argument("code")
@click.option(
    "--where", is_flag=True, help="Where it is defined and emitted, its doc and its cases."
)
def rule_command(code: str, where: bool) -> None:
    """Explain one rule (its documentation)."""
    from plugcheck.registry import RULES
    from plugcheck.ruledocs import rule_doc
    from plugcheck.ruledocs import where as rule_where

    code = code.upper()
    if code not in RULES:
        raise click.BadParameter(f"no rule {code} (see `plugcheck rules`)", param_hint="CODE")
    if where:
        import plugcheck.catalog  # noqa: F401 (where each rule is defined: its module, imported)

        click.echo("\n".join(rule_where(RULES[code])))
        return
    doc = rule_doc(code)
    if doc is None:
        rule = RULES[code]
        doc = f"# {rule.code} {rule.name}\n\n{rule.summary}\n"
    click.echo(doc, nl=False)


@main.command("init")
@click.argument(
    "host_dir",
    required=False,
    default=".",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
)
@click.option("--write", is_flag=True, help="Append the contract to HOST_DIR/pyproject.toml.")
def init_command(host_dir: Path, write: bool) -> None:
    """Propose a starter [tool.plugcheck] contract from the host's code and API package."""
    from plugcheck.config import ConfigError, load_config
    from plugcheck.kinds import available as available_kinds
    from plugcheck.scaffold import append_contract, propose, survey

    contract = propose(survey(host_dir.resolve()))
    if not write:
        click.echo(contract, nl=False)
        return
    pyproject = host_dir / "pyproject.toml"
    try:
        text = append_contract(pyproject, contract)
    except ValueError as exc:
        click.echo(f"plugcheck: error: {exc}", err=True)
        sys.exit(2)
    pyproject.write_text(text, encoding="utf-8")
    try:
        load_config(pyproject, available_kinds())
    except ConfigError as exc:  # written, but needs a human: say what
        for problem in exc.problems:
            click.echo(f"plugcheck: warning: {problem}", err=True)
    click.echo(
        f"wrote a [tool.plugcheck] contract to {pyproject}; review it, then run `plugcheck check`",
        err=True,
    )


_FIX_OPTIONS = ("fix", "unsafe_fixes", "diff", "fix_only")
"""``plugcheck harness`` reports what the harness saw: its findings carry no fixes."""


def _harness(**kwargs: object) -> None:
    assert check_command.callback is not None
    check_command.callback(**kwargs, no_dynamic=False, harness_only=True)


main.add_command(
    click.Command(
        "harness",
        params=[
            p
            for p in check_command.params
            if p.name not in ("no_dynamic", "harness_only", *_FIX_OPTIONS)
        ],
        callback=_harness,
        help="Run only the dynamic harness: load and drive each plugin in its own process.",
    )
)


main.add_command(impact_command)
main.add_command(matrix_command)
