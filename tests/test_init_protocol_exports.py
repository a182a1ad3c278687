"""`plugcheck init` on a host that types its registries of loaded entry points (issue 14, task
host49 item 2): mdformat 1.0's shape, `PARSER_EXTENSIONS: Mapping[str,
ParserExtensionInterface]` and `CODEFORMATTERS: Mapping[str, Callable[[str, str], str]]`,
filled in the module's `__getattr__` (`global`) with the first of what `_load_entrypoints(
entry_points(group=G))` returns. The Protocol's members are the exports of each extension, with
their signatures; the Callable is the signature of each code formatter."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.

PLUGINS = """\
    from __future__ import annotations

    import importlib.metadata
    from typing import TYPE_CHECKING, Any, Protocol

    if TYPE_CHECKING:
        import argparse
        from collections.abc import Callable, Mapping

        from mdit import MarkdownIt


    def _load_entrypoints(eps):
        loaded_ifaces = {}
        dist_versions = {}
        for ep in eps:
            loaded_ifaces[ep.name] = ep.load()
            dist_versions[ep.name] = ep.dist.version
        return loaded_ifaces, dist_versions


    class ParserExtensionInterface(Protocol):
        CHANGES_AST: bool = False
        RENDERERS: Mapping[str, Callable[..., str]]
        POSTPROCESSORS: Mapping[str, Callable[..., str]]

        @staticmethod
        def add_cli_argument_group(group: argparse._ArgumentGroup) -> None:
            \"\"\"(optional)\"\"\"

        @staticmethod
        def update_mdit(mdit: MarkdownIt) -> None:
            \"\"\"Update the parser.\"\"\"


    CODEFORMATTERS: Mapping[str, Callable[[str, str], str]]
    PARSER_EXTENSIONS: Mapping[str, ParserExtensionInterface]


    def __getattr__(name: str) -> Mapping[str, Any]:
        if name == "CODEFORMATTERS":
            formatters, _ = _load_entrypoints(
                importlib.metadata.entry_points(group="mdhost.codeformatter")
            )
            global CODEFORMATTERS
            CODEFORMATTERS = formatters
            return formatters
        if name == "PARSER_EXTENSIONS":
            extensions, _ = _load_entrypoints(
                importlib.metadata.entry_points(group="mdhost.parser_extension")
            )
            global PARSER_EXTENSIONS
            PARSER_EXTENSIONS = extensions
            return extensions
        raise AttributeError(name)
    """

USES = """\
    from mdhost import plugins


    def build(mdit, group):
        for plugin in plugins.PARSER_EXTENSIONS.values():
            if hasattr(plugin, "add_cli_argument_group"):
                plugin.add_cli_argument_group(group)
            plugin.update_mdit(mdit)
            for name, post in getattr(plugin, "POSTPROCESSORS", {}).items():
                post(name)
    """


def _installed(name: str, group: str, source: str) -> dict[str, str]:
    """A plugin distribution in ``site/`` whose entry point names its module."""
    info = f"site/md_{name}-1.0.dist-info"
    return {
        f"site/md_{name}/__init__.py": source,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: md-{name}\nVersion: 1.0\n",
        f"{info}/RECORD": f"md_{name}/__init__.py,,\n",
        f"{info}/entry_points.txt": f"[{group}]\n{name} = md_{name}\n",
    }


EXTENSION = "mdhost.parser_extension"
FORMATTER = "mdhost.codeformatter"
HOST = {
    "site/mdhost/__init__.py": "",
    "site/mdhost/plugins.py": PLUGINS,
    "site/mdhost/_cli.py": USES,
    "site/mdit/__init__.py": "class MarkdownIt:\n    def use(self, plugin): ...\n",
    **_installed(
        "tables",
        EXTENSION,
        "from mdit import MarkdownIt\n\nRENDERERS = {}\nCHANGES_AST = True\n\n\n"
        "def update_mdit(mdit: MarkdownIt) -> None:\n    mdit.use(None)\n",
    ),
    # mdformat-toc 0.1.0: no RENDERERS.
    **_installed("toc", EXTENSION, "def update_mdit(mdit):\n    pass\n"),
    **_installed(
        "wiki",
        EXTENSION,
        "from mdit import MarkdownIt\n\nRENDERERS = {}\n\n\n"
        "def update_mdit(mdit: MarkdownIt, options: dict) -> None:\n    pass\n",
    ),
    "site/md_shell/__init__.py": "def fmt(code: str, info: str) -> str:\n    return code\n",
    # mdformat-black 0.1.0: one parameter, the host passes two.
    **_installed("black", FORMATTER, "def format_python(code: str) -> str:\n    return code\n"),
}
HOST["site/md_black-1.0.dist-info/entry_points.txt"] = (
    f"[{FORMATTER}]\npython = md_black:format_python\n"
)
HOST.update(
    {
        "site/md_shell-1.0.dist-info/METADATA": (
            "Metadata-Version: 2.1\nName: md-shell\nVersion: 1.0\n"
        ),
        "site/md_shell-1.0.dist-info/RECORD": "md_shell/__init__.py,,\n",
        "site/md_shell-1.0.dist-info/entry_points.txt": f"[{FORMATTER}]\nsh = md_shell:fmt\n",
    }
)


def test_a_protocol_typed_registry_proposes_the_exports_and_finds_the_breaks(
    tmp_path: Path,
) -> None:
    """The unedited proposal: each member an export (optional where the Protocol gives a default
    or the host asks hasattr/getattr with a default), each method with its signature; it runs
    with no usage error and finds the missing RENDERERS and both signatures that do not fit."""
    root = write_host(tmp_path / "md", files=HOST, dedent=True)
    proc = run_cli_here("init", str(root / "site" / "mdhost"))
    assert proc.returncode == 0, proc.stderr
    proposal = proc.stdout
    for line in (
        'entry-point-object = { signature = "Callable[[str, str], str]" }',
        'CHANGES_AST = { type = "builtins:bool", kind = "instance", optional = true }',
        'RENDERERS = { type = "collections.abc:Mapping", kind = "instance" }',
        'POSTPROCESSORS = { type = "collections.abc:Mapping", kind = "instance", optional = true',
        "optional: the host asks getattr() at _cli.py:9",
        'add_cli_argument_group = { signature = "Callable[[argparse._ArgumentGroup], None]",'
        " optional = true }",
        "optional: the host asks hasattr() at _cli.py:6",
        'update_mdit = { signature = "Callable[[mdit.MarkdownIt], None]" }',
    ):
        assert line in proposal, proposal
    (root / "pyproject.toml").write_text(proposal)
    data = cli_json(
        "check", "--no-dynamic", cwd=root, env={"PYTHONPATH": str(root / "site")}, here=True
    )
    errors = {
        (str(f["plugin"]), str(f["code"])) for f in data["findings"] if f["severity"] == "error"
    }
    assert errors == {("toc", "PC101"), ("wiki", "PC201"), ("python", "PC201")}, data
