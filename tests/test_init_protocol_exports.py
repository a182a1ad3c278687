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


PYDANTIC_LOADER = """\
    from __future__ import annotations

    from importlib.metadata import entry_points
    from typing import TYPE_CHECKING, Any, Protocol

    if TYPE_CHECKING:
        from collections.abc import Iterable


    class Handler(Protocol):
        def on_enter(self, data: object) -> None: ...


    class PluginProtocol(Protocol):
        def new_validator(self, schema: dict[str, Any], name: str) -> tuple[Handler | None, ...]:
            raise NotImplementedError


    _plugins: dict[str, PluginProtocol] | None = None


    def get_plugins() -> Iterable[PluginProtocol]:
        global _plugins
        if _plugins is None:
            _plugins = {}
            for entry_point in entry_points(group="vhost"):
                _plugins[entry_point.value] = entry_point.load()
        return _plugins.values()
    """


def _instance_plugin(name: str, source: str) -> dict[str, str]:
    """A distribution in site-packages whose ``vhost`` entry point names its module's ``plugin``."""
    info = f"site-packages/v_{name}-1.0.dist-info"
    return {
        f"site-packages/v_{name}/__init__.py": source,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: v-{name}\nVersion: 1.0\n",
        f"{info}/RECORD": f"v_{name}/__init__.py,,\n",
        f"{info}/entry_points.txt": f"[vhost]\n{name} = v_{name}:plugin\n",
    }


def test_a_registry_that_starts_as_none_types_the_instances_entry_points_name(
    tmp_path: Path,
) -> None:
    """pydantic's shape: `_plugins: dict[str, PluginProtocol] | None = None`, filled with what
    each entry point names, and every installed entry point names an object (`module:plugin`):
    the Protocol types that object, not a list of module exports. The unedited proposal runs:
    logfire's shape (its call fits, its declared return is a tuple of another class) gets no
    error; a plugin whose method requires an argument the host never passes does."""
    plugin = """\
        from typing import Any


        class Wrapper:
            pass


        class Plugin:
            def new_validator(self, schema: dict[str, Any], {params}) -> tuple[Wrapper, ...]:
                return ()


        plugin = Plugin()
        """
    root = write_host(
        tmp_path / "v",
        files={
            "site-packages/vhost/__init__.py": "",
            "site-packages/vhost/plugin.py": PYDANTIC_LOADER,
            **_instance_plugin("tracer", plugin.format(params="name: str")),
            **_instance_plugin("strict", plugin.format(params="name: str, mode: str")),
        },
        dedent=True,
    )
    proc = run_cli_here("init", str(root / "site-packages" / "vhost"))
    assert proc.returncode == 0, proc.stderr
    line = 'entry-point-object = { type = "vhost.plugin:PluginProtocol", kind = "instance" }'
    assert line in proc.stdout, proc.stdout
    (root / "pyproject.toml").write_text(proc.stdout)
    site = str(root / "site-packages")
    data = cli_json("check", "--no-dynamic", cwd=root, env={"PYTHONPATH": site}, here=True)
    judged = {(str(f["plugin"]), str(f["code"]), str(f["severity"])) for f in data["findings"]}
    assert judged == {("strict", "PC201", "error"), ("tracer", "PC201", "warning")}, data
