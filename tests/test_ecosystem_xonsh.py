"""xonsh as a real host in the slow suite: xontribs are modules of the `xontrib` namespace
package; `xontrib load NAME` imports xontrib.<name> into a started session (xonsh puts
`__xonsh__`, `aliases`, `events`... in builtins first) and calls its `_load_xontrib_(xsh=XSH)`
when it defines one (examples/contracts/xonsh.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI xontribs, xonsh's own
load of each (xonsh.main.setup, then xontribs.update_context, then the on_ptk_create event the
prompt_toolkit shell fires when it starts) as the oracle, run first. xontrib-abbrevs 0.0.1
imports `xonsh.ptk_shell.key_bindings` (moved to xonsh.shells.ptk_shell) in its on_ptk_create
handler: xonsh prints the exception ("Exception raised in event handler; ignored.") and the
shell starts without the xontrib's key bindings. plugcheck must give no error
and no warning to the xontribs xonsh loads and name the cause for the one it does not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _init_checked, _judged, _run, _site

pytestmark = pytest.mark.slow

PLUGINS = {  # distribution pin -> its module in the xontrib namespace package
    "xontrib-argcomplete==0.3.5": "argcomplete",
    "xontrib-back2dir==0.1.3": "back2dir",
    "xontrib-bashisms==0.0.5": "bashisms",
    "xontrib-clp==0.1.7": "clp",
    "xontrib-cmd-durations==0.3.2": "cmd_done",
    "xontrib-fish-completer==0.0.3": "fish_completer",
    "xontrib-hist-navigator==1.0.1": "hist_navigator",
    "xontrib-jump-to-dir==0.2.1": "jump_to_dir",
    "xontrib-output-search==0.6.6": "output_search",
    "xontrib-sh==0.3.2": "sh",
}
PINS = ["xonsh==0.25.0", "prompt-toolkit==3.0.53", *PLUGINS]
HEALTHY = set(PLUGINS.values())
BROKEN = "abbrevs"

_ORACLE = """
import json, subprocess, sys
names = sys.argv[1:]
child = '''
import sys
from xonsh.main import setup
setup(shell_type="none")
from prompt_toolkit.key_binding import KeyBindings
from xonsh.built_ins import XSH
from xonsh.xontribs import update_context
import contextlib, io
try:
    update_context(sys.argv[1], {})
    # As the prompt_toolkit shell starts: its SHELL_TYPE, then on_ptk_create. xonsh prints a
    # handler's exception and goes on: the shell starts without that handler's bindings.
    XSH.env["SHELL_TYPE"] = "prompt_toolkit"
    with contextlib.redirect_stderr(io.StringIO()) as said:
        XSH.builtins.events.on_ptk_create.fire(
            prompter=None, history=None, completer=None, bindings=KeyBindings()
        )
    failed = "Exception raised in event handler" in said.getvalue()
    print("on_ptk_create: " + " ".join(said.getvalue().split()) if failed else "ok")
except Exception as exc:
    print(f"{type(exc).__name__}: {exc}")
'''
out = {}
for name in names:
    proc = subprocess.run([sys.executable, "-c", child, name], capture_output=True, text=True)
    out[name] = (proc.stdout.strip().splitlines() or [proc.stderr[-300:]])[-1]
print(json.dumps(out))
"""


@pytest.mark.harness
def test_xontribs(tmp_path: Path) -> None:
    python = _cached_venv("xonsh", PINS, ["xontrib-abbrevs==0.0.1"])
    loads = json.loads(_run(python, "-c", _ORACLE, *sorted(HEALTHY), BROKEN).stdout)
    assert {name for name, said in loads.items() if said == "ok"} == HEALTHY, loads
    assert "No module named 'xonsh.ptk_shell'" in loads[BROKEN], loads

    xontrib = _site(python) / "xontrib"
    paths = [next(xontrib.glob(f"{name}.py"), xontrib / name) for name in [*HEALTHY, BROKEN]]
    data = _check(python, "xonsh.toml", *paths)
    noise, broken = _judged(data, HEALTHY, BROKEN)
    assert noise == []
    assert [f["code"] for f in broken] == ["PC530"], broken
    assert "no 'ptk_shell'" in broken[0]["message"]
    assert "when custom_keybindings() runs" in broken[0]["message"]

    # `plugcheck init` on xonsh, unedited (issue 14's target): the names its session puts in
    # builtins are proposed (host-builtins, with the ones it computes from its own namespace),
    # and the function that starts the session (xonsh.main.setup: it reaches XSH.load, which
    # writes builtins, and xontribs_load) as preload-calls: every xontrib is checked in a started
    # session, none is "could not be checked without the host's session" (PC423).
    proposal, data = _init_checked(python, "xonsh", tmp_path, *paths)
    # The names its session computes are followed to the SimpleNamespace they come from.
    assert '"__xonsh__", "aliases", "compilex", "default_aliases", "evalx", "events"' in proposal
    assert "host-builtins-computed" not in proposal, proposal
    assert 'preload-calls = ["xonsh.main:setup"]' in proposal, proposal
    errors = [f for f in data["findings"] if f["plugin"] in HEALTHY and f["severity"] == "error"]
    assert errors == [], errors
    unchecked = {f["plugin"] for f in data["findings"] if f["code"] == "PC423"}
    assert unchecked == set(), unchecked
    broken = [f for f in data["findings"] if f["plugin"] == BROKEN and f["severity"] == "error"]
    # The group's entry points are imported by value, through the import by name that looks up
    # _load_xontrib_: one contract, so the break is reported once.
    assert "imports plugin modules by name" not in proposal, proposal
    assert "_load_xontrib_ = { optional = true }" in proposal, proposal
    assert [f["code"] for f in broken] == ["PC530"], broken
