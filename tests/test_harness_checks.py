"""Issue 5's checks that no rule case covers on its own: every kind of import-time side effect,
init(invalid-config) that hangs or crashes instead of raising, and tracebacks trimmed to the
plugin's own frames."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_harness import host

from plugcheck import Options, check
from plugcheck.model import Finding

pytestmark = pytest.mark.harness


def _findings(root: Path) -> list[Finding]:
    return check(Options(paths=(root,), static=False, mypy=False)).findings


def test_import_side_effects_name_every_kind_of_event(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        {
            "busy.py": """
                import os, socket, subprocess

                subprocess.run(["true"])
                os.system("true")
                with socket.socket() as s:
                    try:
                        s.connect(("127.0.0.1", 9))
                    except OSError:
                        pass

                class P:
                    def init(self, config): pass
                    def run(self): pass
                    def shutdown(self, timeout): pass

                def new():
                    return P()
            """
        },
    )
    (finding,) = _findings(root)
    assert finding.code == "PC411"
    assert finding.location.line == 4  # the first event, in the plugin's file
    for event in ("subprocess ['true']", "os.system true", "socket connect ('127.0.0.1', 9)"):
        assert event in finding.message, finding.message


def test_invalid_config_that_hangs_or_crashes_is_not_a_rejection(tmp_path: Path) -> None:
    plugin = """
        import os, time

        class P:
            def init(self, config):
                if not config.get("greeting"):
                    {reaction}

            def run(self): pass
            def shutdown(self, timeout): pass

        def new():
            return P()
    """
    root = host(
        tmp_path,
        {
            "hangs.py": plugin.format(reaction="time.sleep(60)"),
            "aborts.py": plugin.format(reaction="os.abort()"),
            "rejects.py": plugin.format(reaction="raise ValueError('empty greeting')"),
        },
        'invalid-config = { greeting = "" }\n',
    )
    found = {(f.plugin, f.code): f.message for f in _findings(root)}
    assert set(found) == {("hangs", "PC406"), ("aborts", "PC406")}
    assert "init(invalid-config) did not finish within 1 s" in found[("hangs", "PC406")]
    assert "init(invalid-config) killed the process with SIGABRT" in found[("aborts", "PC406")]


def test_tracebacks_keep_only_the_plugins_frames(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        {
            "deep.py": """
                import json

                class P:
                    def init(self, config):
                        self.load(config)

                    def load(self, config):
                        json.loads(config["greeting"])

                    def run(self): pass
                    def shutdown(self, timeout): pass

                def new():
                    return P()
            """
        },
    )
    (finding,) = _findings(root)
    assert finding.code == "PC405"
    assert "raised json.decoder.JSONDecodeError" in finding.message
    frames = [(r.location.path.name, r.location.line) for r in finding.related]
    assert frames == [("deep.py", 6), ("deep.py", 9)]  # json's own frames are left out


_BUILTIN = """
import os
from hostapi import probe
{work}

class P:
    def init(self, config): pass
    def run(self): pass
    def shutdown(self, timeout): pass

def new():
    return P()
"""


def test_import_side_effects_of_the_hosts_own_modules_are_the_hosts(tmp_path: Path) -> None:
    """virtualenv's built-in creators live in its own package and import virtualenv.info,
    which probes the file system: that work is the host's (every run does it), not the
    built-in plugin's; a built-in's own work still counts."""
    root = host(tmp_path, {})
    pyproject = (root / "pyproject.toml").read_text()
    (root / "pyproject.toml").write_text(
        pyproject.replace(
            'paths = ["plugins/*"]',
            'paths = ["api/hostapi/builtins/quiet.py", "api/hostapi/builtins/busy.py"]',
        )
    )
    api = root / "api" / "hostapi"
    (api / "probe.py").write_text('import subprocess\n\nsubprocess.run(["true"])\n')
    (api / "builtins").mkdir()
    (api / "builtins" / "__init__.py").write_text("")
    (api / "builtins" / "quiet.py").write_text(_BUILTIN.format(work=""))
    (api / "builtins" / "busy.py").write_text(_BUILTIN.format(work='os.system("true")'))
    found = _findings(root)
    assert [(f.plugin, f.code) for f in found] == [("busy", "PC411")]
    assert "os.system true" in found[0].message and "subprocess" not in found[0].message


_OUTSIDE = """
import os
from hostapi import {module}
{work}

class P:
    def init(self, config): pass
    def run(self): pass
    def shutdown(self, timeout): pass

def new():
    return P()
"""


def test_a_host_module_the_plugin_imports_does_its_own_work(tmp_path: Path) -> None:
    """An outside plugin imports a submodule of the host that prints, opens a file for writing
    and starts a process when imported: the host's import-time work (whoever imports it first),
    not the plugin's. The plugin's own work, and the work of a host function it calls at
    import, still count."""
    root = host(
        tmp_path,
        {
            "quiet.py": _OUTSIDE.format(module="noisy", work=""),
            "busy.py": _OUTSIDE.format(module="noisy", work='os.system("true")'),
            "caller.py": _OUTSIDE.format(module="tools", work="tools.start()"),
        },
    )
    api = root / "api" / "hostapi"
    (api / "noisy.py").write_text(
        "import os, subprocess, tempfile\n\n"
        "print('host banner')\n"
        "subprocess.run(['true'])\n"
        "with open(os.path.join(tempfile.gettempdir(), 'host.log'), 'w') as f:\n"
        "    f.write('x')\n"
    )
    (api / "tools.py").write_text(
        "import subprocess\n\n\ndef start():\n    subprocess.run(['true'])\n"
    )
    found = _findings(root)
    assert [(f.plugin, f.code) for f in found] == [("busy", "PC411"), ("caller", "PC411")], [
        (f.plugin, f.code, f.message) for f in found
    ]
    busy, caller = found
    assert "os.system true" in busy.message and "subprocess" not in busy.message
    assert "host.log" not in busy.message
    assert "subprocess ['true']" in caller.message
