"""`plugcheck init` on a host that keeps each entry point's loaded object in a place it annotates
inline (issue 14, task host47 item 2): isort 9's `Config`, which keeps a sort function in
`self._sorting_function: Callable[..., list[str]] | None` and a formatter under the name of its
dataclass field `formatting_function: Callable[[str, str, object], str] | None`; and its
profiles, `profiles.setdefault(plugin.name, plugin.load())` into `profiles: dict[str, dict[str,
Any]]`, annotated in another module (task host49 item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.kinds import available

from conftest import run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.

SETTINGS = {
    "sorter/__init__.py": "",
    "sorter/settings.py": """\
        from __future__ import annotations

        from collections.abc import Callable
        from dataclasses import dataclass
        from importlib.metadata import entry_points

        from .profiles import profiles as profiles


        @dataclass(frozen=True)
        class _Config:
            formatter: str = ""
            formatting_function: Callable[[str, str, object], str] | None = None
            sort_order: str = "natural"


        class Config(_Config):
            def __init__(self, **config_overrides):
                self._sorting_function: Callable[..., list[str]] | None = None
                combined_config = dict(config_overrides)
                if combined_config.get("profile") not in profiles:
                    for plugin in entry_points(group="sorter.profiles"):
                        profiles.setdefault(plugin.name, plugin.load())
                if "formatter" in combined_config:
                    for plugin in entry_points(group="sorter.formatters"):
                        if plugin.name == combined_config["formatter"]:
                            combined_config["formatting_function"] = plugin.load()
                            break
                super().__init__(**combined_config)

            @property
            def sorting_function(self) -> Callable[..., list[str]]:
                for sort_plugin in entry_points(group="sorter.sort_function"):
                    if sort_plugin.name == self.sort_order:
                        self._sorting_function = sort_plugin.load()
                        break
                return self._sorting_function or sorted
        """,
    # isort's profiles: a registry another module annotates, filled with setdefault.
    "sorter/profiles.py": """\
        from typing import Any

        profiles: dict[str, dict[str, Any]] = {"plain": {}}
        """,
}


def test_the_annotation_of_where_the_host_keeps_the_object_types_it(tmp_path: Path) -> None:
    """Each group's contract types its objects with the annotation, `| None` left out (the
    host's own default), as an inline signature the configuration accepts."""
    host = write_host(tmp_path / "host", files=SETTINGS, dedent=True)
    proc = run_cli_here("init", str(host / "sorter"))
    assert proc.returncode == 0, proc.stderr
    assert "formatting_function, annotated so: settings.py:13" in proc.stdout
    assert "self._sorting_function, annotated so: settings.py:19" in proc.stdout
    assert (
        'entry-point-object = { type = "builtins:dict", kind = "instance" }  # the host keeps each'
        " loaded object in profiles, annotated so: profiles.py:3"
    ) in proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    contracts = load_config(host / "pyproject.toml", available()).contracts
    typed = {c.entry_point_group: c.entry_point_object for c in contracts}
    assert {g: str(e.type) for g, e in typed.items() if e and e.type} == {
        "sorter.formatters": "Callable[[str, str, object], str]",
        "sorter.sort_function": "Callable[..., list[str]]",
        "sorter.profiles": "builtins:dict",
    }
