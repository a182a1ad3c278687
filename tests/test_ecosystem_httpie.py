"""HTTPie as a real host in the slow suite: entry points naming classes in four groups
(auth, transport, formatter, converter), loaded with ep.load() and picked by issubclass; an auth
plugin is built with no arguments (examples/contracts/httpie.toml).

As in test_ecosystems.py: a cached venv with the pinned host and plugins, and releases HTTPie
itself fails to load (installed without their dependencies); HTTPie's own
PluginManager.load_installed_plugins(), one entry point at a time, then the issubclass check and,
for an auth plugin, its construction, is the oracle. plugcheck must give no error to the plugins
HTTPie loads, and name the cause for the ones it does not.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _run

# The host's own load of each plugin (the oracle) runs once per venv: test_init_hosts_shapes's
# proposal test reads the same venv, in the same xdist group.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("ecosystem-httpie")]

HTTPIE = "httpie==3.2.4"
PLUGINS = {  # distribution pin -> its entry-point names
    "httpie-jwt-auth==0.4.0": ["httpie_jwt_auth"],
    "httpie-edgegrid==2.2.7": ["httpie_oauth1"],
    "httpie-hmac==1.2.0": ["httpie-hmac"],
    "httpie-api-auth==0.3.1": ["httpie_api_auth"],
    "httpie-aws-authv4==0.3.0": ["httpie_aws_authv4"],
    "httpie-bearer-auth==1.0.0": ["httpie_bearer_auth"],
    "httpie-apikey-auth==0.1.1": ["httpie_apikey_auth"],
    "httpie-asap-auth==0.4.1": ["httpie_asap_auth", "httpie_asap_auth_env"],
    "httpie-credential-store==3.1.0": ["credential-store", "creds"],
    "httpie-unixsocket==0.0.0": ["httpie_unixsocket"],
}
BROKEN = {
    # Python 2 code (`print "..."`): a SyntaxError when HTTPie loads it.
    "httpie-esni-auth==1.0.0": {"httpie_esni_auth": "PC001"},
    # A top-level module with a relative import (`from .x import ...`) after exec()-ing HTTPie's
    # colors.py: ImportError when HTTPie loads either of its entry points.
    "httpie-akamai==0.1.5": {"httpie_akamai": "PC401", "httpie_akamai_transport": "PC401"},
}

_ORACLE = """
import sys, warnings
from httpie.plugins import AuthPlugin
from httpie.plugins.manager import ENTRY_POINT_CLASSES, PluginManager
name = sys.argv[1]
(ep,) = [e for e in PluginManager().iter_entry_points() if e.name == name]
one = PluginManager()
one.iter_entry_points = lambda directory=None: iter([ep])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", UserWarning)
    one.load_installed_plugins()
if caught or len(one) != 1:
    sys.exit(f"not loaded: {[str(w.message) for w in caught]}")
assert issubclass(one[0], ENTRY_POINT_CLASSES[ep.group])
if issubclass(one[0], AuthPlugin):
    one[0]()
print("ok")
"""


@functools.cache
def _httpie_loads(python: Path, name: str) -> bool:
    proc = _run(python, "-c", _ORACLE, name)
    return proc.returncode == 0 and proc.stdout.strip() == "ok"


@pytest.mark.harness
def test_httpie_plugins() -> None:
    python = _cached_venv("httpie", [HTTPIE, *PLUGINS], [*BROKEN])
    healthy = {n for names in PLUGINS.values() for n in names}
    broken = {n: code for causes in BROKEN.values() for n, code in causes.items()}
    for name in healthy:
        assert _httpie_loads(python, name), name
    for name in broken:
        assert not _httpie_loads(python, name), name

    data = _check(python, "httpie.toml")
    assert {p["name"] for p in data["plugins"]} == healthy | set(broken)
    errors = [
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["plugin"] in healthy and f["severity"] == "error"
    ]
    assert errors == []
    # httpie-edgegrid extends HTTPie's argument parser when it is imported: PC110 says so as
    # info (calls on the parser object, nothing else the host sees). No healthy plugin is warned.
    warned = {
        (f["plugin"], f["code"])
        for f in data["findings"]
        if f["plugin"] in healthy and f["severity"] != "info"
    }
    assert warned == set()
    assert ("httpie_oauth1", "PC110") in {(f["plugin"], f["code"]) for f in data["findings"]}
    for name, code in broken.items():
        codes = {f["code"] for f in data["findings"] if f["plugin"] == name}
        assert code in codes, (name, codes)
