"""A pluggy plugin whose hooks' check ends early is never "All checks passed" (issue 12).

The pluggy pass registers each plugin in a forked child, answers "ok" for the registration,
then calls the plugin's hooks in a grandchild. Before: a hook that ended that grandchild with
``os._exit(0)`` (or 70, the worker's own failure status) looked like calls that all returned,
and a hook that killed the registration child after its "ok" left only that "ok": the CLI said
"All checks passed", exit 0, for plugins that end the host on every call or were never fully
checked. Through the CLI, as a user runs it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from differential import generate

from conftest import run_cli

pytestmark = pytest.mark.harness

HEAD = "import os\nimport signal\n\nfrom dhost import hookimpl\n\n\n"
PLUGINS = {
    # getattr hides os._exit from the static rules: only the calls can tell.
    "ends_zero": "@hookimpl\ndef dh_startup(config):\n    getattr(os, '_' + 'exit')(0)\n",
    "ends_seventy": "@hookimpl\ndef dh_startup(config):\n    getattr(os, '_' + 'exit')(70)\n",
    "kills_checker": (
        "@hookimpl\ndef dh_startup(config):\n    os.kill(os.getppid(), signal.SIGKILL)\n"
    ),
    "fine": "@hookimpl\ndef dh_startup(config):\n    return None\n",
}


def _check(tmp_path: Path, *paths: str) -> tuple[int, dict[str, object], str]:
    variants = [
        generate.Variant(name, "pluggy", "hand", (), {f"{name}.py": HEAD + text})
        for name, text in PLUGINS.items()
    ]
    root = generate.write_host(tmp_path / "host", "pluggy-plain", variants)
    proc = run_cli(
        "check",
        *paths,
        "--no-progress",
        "--no-mypy",
        "--output-format",
        "json",
        cwd=root,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    text = run_cli(
        "check",
        *paths,
        "--no-progress",
        "--no-mypy",
        cwd=root,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"},
    ).stdout
    return proc.returncode, json.loads(proc.stdout), text


def _by_plugin(data: dict[str, object]) -> dict[str, list[tuple[str, str, int]]]:
    found: dict[str, list[tuple[str, str, int]]] = {}
    for f in data["findings"]:  # type: ignore[attr-defined]
        found.setdefault(f["plugin"], []).append((f["code"], f["message"], f["line"]))
    return found


def test_a_hook_that_ends_the_process_is_a_failed_call_not_a_pass(tmp_path: Path) -> None:
    code, data, text = _check(tmp_path, "plugins/ends_zero.py", "plugins/ends_seventy.py")
    found = _by_plugin(data)
    for name, status in (("ends_zero", 0), ("ends_seventy", 70)):
        ((rule, message, line),) = found[name]
        assert rule == "PC519", found
        assert f"dh_startup() ended the process (exit status {status})" in message
        assert line == 8  # the hookimpl's def
    assert code == 1 and "All checks passed" not in text


def test_a_check_killed_after_its_registration_answer_is_not_checked(tmp_path: Path) -> None:
    code, data, text = _check(tmp_path, "plugins/kills_checker.py")
    ((rule, message, _),) = _by_plugin(data)["kills_checker"]
    # With a Landlock scope for the hooks' child (ABI >= 6) the kill is refused and the hook
    # raises; without one the checker dies after its 'ok' answer: an error either way.
    if rule == "PC519":
        assert "raised PermissionError" in message
    else:
        assert rule == "PC416"
        assert "ended the process (signal 9) before it was done" in message
    assert code == 1 and "All checks passed" not in text


def test_a_fine_hook_still_passes(tmp_path: Path) -> None:
    code, data, text = _check(tmp_path, "plugins/fine.py")
    assert (code, data["findings"]) == (0, [])
    assert "All checks passed" in text
