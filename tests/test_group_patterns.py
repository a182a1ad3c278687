"""``entry-point-group-pattern``: a host that builds its groups' names at run time
(OpenStackClient's ``openstack.<api>.v<N>``, cliff's ``add_command_group``) loads every group
the pattern matches (issue 14 item 4)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.

CONTRACT = """\
[tool.plugcheck.contracts.commands]
kind = "factory"
{group}
keyed-by-name = true

[tool.plugcheck.contracts.commands.exports]
take_action = {{ kind = "callable" }}
"""


def _install(site: Path, dist: str, entry_points: str, files: dict[str, str]) -> None:
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    write_host(
        info,
        files={
            "METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n",
            "entry_points.txt": textwrap.dedent(entry_points),
        },
    )
    write_host(site, files=files)


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    good = "def take_action(args):\n    return args\n"
    _install(
        site,
        "compute-cmds",
        """\
        [cli.compute.v2]
        server_list = compute_cmds.servers
        [cli.compute.v3]
        server_list = compute_cmds.servers3
        """,
        {
            "compute_cmds/__init__.py": "",
            "compute_cmds/servers.py": good,
            "compute_cmds/servers3.py": good,
        },
    )
    _install(
        site,
        "image-cmds",
        "[cli.image.v1]\nimage_list = image_cmds\nimage_show = image_cmds_show\n",
        {"image_cmds.py": good, "image_cmds_show.py": "TAKE_ACTION = None\n"},
    )
    # Not a group the pattern matches: never checked.
    _install(site, "other-cmds", "[cli.common]\nhelp = other_cmds\n", {"other_cmds.py": "x = 1\n"})
    return site


def test_every_matching_group_is_checked(tmp_path: Path) -> None:
    site = _site(tmp_path)
    host = tmp_path / "host"
    pattern = 'entry-point-group-pattern = "cli.*.v*"'
    write_host(host, pyproject=CONTRACT.format(group=pattern))
    data = cli_json("check", str(host), "--no-dynamic", env={"PYTHONPATH": str(site)}, here=True)
    plugins = sorted((p["name"], p["path"].rpartition("/")[2]) for p in data["plugins"])  # type: ignore[index, union-attr]
    assert plugins == [
        ("image_list", "image_cmds.py"),
        ("image_show", "image_cmds_show.py"),
        ("server_list", "servers.py"),
        ("server_list", "servers3.py"),
    ], data["plugins"]
    # One name in two groups is no duplicate: the host keys each group it builds by name.
    found = [(f["code"], f["plugin"]) for f in data["findings"]]  # type: ignore[index, union-attr]
    assert found == [("PC101", "image_show")], data["findings"]
    # The same environment asked for one group only: the cached description is not reused.
    write_host(host, pyproject=CONTRACT.format(group='entry-point-group = "cli.common"'))
    data = cli_json("check", str(host), "--no-dynamic", env={"PYTHONPATH": str(site)}, here=True)
    assert [p["name"] for p in data["plugins"]] == ["help"]  # type: ignore[index, union-attr]


def test_a_project_declaring_a_matching_group_is_that_contracts(tmp_path: Path) -> None:
    """A plugin author's project, given by path, goes to the pattern contract only when it
    declares a group the pattern matches."""
    host = tmp_path / "host"
    pattern = 'entry-point-group-pattern = "cli.*.v*"'
    contracts = CONTRACT.format(group=pattern) + textwrap.dedent(
        """
        [tool.plugcheck.contracts.common]
        kind = "factory"
        entry-point-group = "cli.common"
        """
    )
    write_host(host, pyproject=contracts)
    project = tmp_path / "netcmds"
    write_host(
        project,
        files={
            "pyproject.toml": '[project]\nname = "netcmds"\nversion = "1"\n'
            '[project.entry-points."cli.network.v2"]\nnet_list = "netcmds"\n',
            "netcmds.py": "VALUE = 1\n",
        },
    )
    data = cli_json(
        "check", "--no-dynamic", "--config", str(host / "pyproject.toml"), str(project), here=True
    )
    assert [(p["name"], p["contract"]) for p in data["plugins"]] == [("net_list", "commands")]  # type: ignore[index, union-attr]
    assert [f["code"] for f in data["findings"]] == ["PC101"]  # type: ignore[index, union-attr]


def test_pattern_and_group_together_is_a_usage_error(tmp_path: Path) -> None:
    both = 'entry-point-group = "cli.common"\nentry-point-group-pattern = "cli.*"'
    host = write_host(tmp_path, pyproject=CONTRACT.format(group=both))
    proc = run_cli_here("check", str(host))
    assert proc.returncode == 2
    assert "not both" in proc.stderr and "Traceback" not in proc.stderr


# OpenStackClient's shell: a command group per API and version the user picks, its name built
# at run time; an f-string over a loop variable spells another.
BUILT_HOST = {
    "pyproject.toml": '[project]\nname = "democli"\nversion = "1.0"\n',
    "democli/__init__.py": "",
    "democli/shell.py": """\
        import importlib
        from importlib import metadata


        def load_commands(versions):
            for api, version in versions.items():
                group = ".".join(["democli", api.replace("-", "_"), "v" + version.split(".")[0]])
                for ep in metadata.entry_points(group=group):
                    module = importlib.import_module(ep.module)
                    module.take_action(None)


        def load_hooks(kinds):
            for kind in kinds:
                for ep in metadata.entry_points(group=f"democli.hooks.{kind}"):
                    ep.load()
        """,
    "good/pyproject.toml": '[project]\nname = "good"\nversion = "1"\n'
    '[project.entry-points."democli.compute.v2"]\nserver_list = "good_cmds"\n',
    "good/good_cmds.py": "def take_action(args):\n    return args\n",
    "bad/pyproject.toml": '[project]\nname = "bad"\nversion = "1"\n'
    '[project.entry-points."democli.image.v1"]\nimage_list = "bad_cmds"\n',
    "bad/bad_cmds.py": "def run(args):\n    return args\n",
}


def test_init_proposes_the_pattern_of_a_group_built_at_run_time(tmp_path: Path) -> None:
    """The group's name is computed (a join over loop values, an f-string): init proposed no
    contract for it, so every command passed unchecked."""
    host = write_host(tmp_path, files=BUILT_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-group-pattern = "democli.*.v*"' in proc.stdout, proc.stdout
    assert 'entry-point-group-pattern = "democli.hooks.*"' in proc.stdout, proc.stdout
    assert "take_action = " in proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    data = cli_json(
        "check", "--no-dynamic", str(host / "good"), str(host / "bad"), cwd=host, here=True
    )
    assert not data["errors"], data["errors"]
    found = {(f["plugin"], f["code"]) for f in data["findings"]}  # type: ignore[index, union-attr]
    assert found == {("image_list", "PC101")}, data["findings"]
