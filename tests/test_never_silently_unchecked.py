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
    # A thread its import left kills the registration child while the hooks' calls run.
    "kills_checker": (
        "import threading\nimport time\n\n\ndef _later():\n    time.sleep(1)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n\n\n"
        "threading.Thread(target=_later, daemon=True).start()\n\n\n"
        "@hookimpl\ndef dh_startup(config):\n    time.sleep(5)\n"
    ),
    "forks_and_ends": (
        "@hookimpl\ndef dh_startup(config):\n"
        "    if os.fork():\n        getattr(os, '_' + 'exit')(0)\n"
    ),
    "stops_checker": (
        "@hookimpl\ndef dh_startup(config):\n    os.kill(os.getppid(), signal.SIGSTOP)\n"
    ),
    "fine": "@hookimpl\ndef dh_startup(config):\n    return None\n",
    # The historic hook first, as pluggy replays it inside register(): not alphabetical order.
    "keeps_config": (
        "SEEN = []\n\n\n@hookimpl\ndef dh_configure(config):\n    SEEN.append(config)\n\n\n"
        "@hookimpl\ndef dh_collect(session, items):\n    return [SEEN[0]]\n"
    ),
    "needs_collect": (
        "SEEN = []\n\n\n@hookimpl\ndef dh_collect(session, items):\n    SEEN.append(items)\n\n\n"
        "@hookimpl\ndef dh_configure(config):\n    return SEEN[0]\n"
    ),
    # Adds a spec to the host's hookspec module at import: the host read the module before.
    "adds_spec": (
        "import dhost.hookspecs\nfrom dhost import hookspec\n\n\n@hookspec\n"
        "def dh_more(config):\n    pass\n\n\ndhost.hookspecs.dh_more = dh_more\n\n\n"
        "@hookimpl\ndef dh_more(config):  # noqa: F811\n    return None\n"
    ),
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


def test_a_hook_whose_process_forks_and_ends_is_a_failed_call(tmp_path: Path) -> None:
    """The copy a hook forked goes on and finishes the calls: its word is not the child's."""
    code, data, text = _check(tmp_path, "plugins/forks_and_ends.py")
    ((rule, message, _),) = _by_plugin(data)["forks_and_ends"]
    assert (rule, "dh_startup() ended the process (exit status 0)" in message) == ("PC519", True)
    assert code == 1 and "All checks passed" not in text


def test_a_hook_cannot_stop_the_process_that_checks_it(tmp_path: Path) -> None:
    code, data, text = _check(tmp_path, "plugins/stops_checker.py")
    ((rule, message, _),) = _by_plugin(data)["stops_checker"]
    # Landlock ABI >= 6 scopes the hooks' child: the SIGSTOP is refused, the sandbox's refusal
    # (PC420); without it the checker is stopped after its "ok" answer and its deadline says so.
    assert (rule, "raised PermissionError" in message) == ("PC420", True) or rule == "PC416"
    assert code == 1 and "All checks passed" not in text


def test_hooks_are_called_historic_first_then_in_spec_order(tmp_path: Path) -> None:
    """dh_configure (historic) before dh_collect, though c-o-l sorts before c-o-n."""
    _, data, _ = _check(tmp_path, "plugins/keeps_config.py", "plugins/needs_collect.py")
    found = _by_plugin(data)
    assert "keeps_config" not in found, found
    ((rule, message, _),) = found["needs_collect"]
    assert rule == "PC519" and "dh_configure() raised IndexError" in message, message


def test_a_check_killed_after_its_registration_answer_is_not_checked(tmp_path: Path) -> None:
    code, data, text = _check(tmp_path, "plugins/kills_checker.py")
    unchecked = [m for rule, m, _ in _by_plugin(data)["kills_checker"] if rule == "PC416"]
    assert unchecked, data["findings"]
    # Killed after its "ok" (before it: no answer at all, PC416 as well).
    assert "ended the process (signal 9)" in unchecked[0], unchecked
    assert code == 1 and "All checks passed" not in text


def test_a_fine_hook_still_passes(tmp_path: Path) -> None:
    code, data, text = _check(tmp_path, "plugins/fine.py")
    assert (code, data["findings"]) == (0, [])
    assert "All checks passed" in text


def test_a_spec_a_plugin_adds_to_the_hookspec_module_is_not_the_hosts(tmp_path: Path) -> None:
    """The host calls add_hookspecs before it imports a plugin: the registration check reads
    the hookspec module as it was then (before: PC501 withdrawn, 'All checks passed')."""
    code, data, text = _check(tmp_path, "plugins/adds_spec.py")
    codes = [rule for rule, _, _ in _by_plugin(data)["adds_spec"]]
    assert "PC501" in codes, data
    assert code == 1 and "All checks passed" not in text
