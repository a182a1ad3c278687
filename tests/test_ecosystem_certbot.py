"""Certbot as a real host in the slow suite: every entry point of `certbot.plugins` names a
plugin class, which certbot loads on every run (PluginsRegistry.find_all), keeps when
certbot.interfaces.Plugin is in its __mro__, and builds with (config, name)
(examples/contracts/certbot.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins, certbot's own
load of each entry point as the oracle, run first (the registry's _load_entry_point, the CLI's
option injection, `certbot plugins --init --prepare`'s init and prepare). certbot-plugin-gandi
1.2.5 is broken with its own dependencies installed: certbot_plugin_gandi.main imports its
gandi_api module, which imports six, which it does not declare and certbot no longer installs.
certbot-dns-ispconfig 0.2.0 (zope.interface, for certbot 1) loads through certbot's
compatibility shims. plugcheck must give no error and no warning to the plugins certbot loads
and name the cause for the one it does not. certbot-dns-cloudflare 5.8 (also healthy, 0 errors and
0 warnings since its catch_warnings block is read as such: case PC110/good-scoped-warning-filters)
is left out: the static pass follows its typed SDK, about 70 s more.
"""

from __future__ import annotations

import json

import pytest
from test_ecosystems import _cached_venv, _check, _run

pytestmark = pytest.mark.slow

PINS = [
    "certbot==5.8.0",
    "certbot-dns-rfc2136==5.8.0",
    "certbot-dns-digitalocean==5.8.0",
    "certbot-dns-duckdns==1.9.0",
    "certbot-dns-hetzner==4.0.0",
    "certbot-dns-porkbun==0.11.0",
    "certbot-dns-ispconfig==0.2.0",
    "certbot-plugin-gandi==1.2.5",
]
HEALTHY = {
    "dns-rfc2136",
    "dns-digitalocean",
    "dns-duckdns",
    "dns-hetzner",
    "dns-porkbun",
    "dns-ispconfig",
}
BROKEN = "dns"  # certbot-plugin-gandi's entry point

_ORACLE = """
import json, sys, tempfile
from importlib.metadata import entry_points
from certbot import configuration
from certbot._internal import cli
from certbot._internal.plugins import disco
out, plugins = {}, {}
for ep in entry_points(group="certbot.plugins"):
    try:
        disco.PluginsRegistry._load_entry_point(ep, plugins)
    except Exception as exc:
        out[ep.name] = f"{type(exc).__name__}: {exc}"
registry = disco.PluginsRegistry(plugins)
d = tempfile.mkdtemp()
dirs = ["--config-dir", d + "/c", "--work-dir", d + "/w", "--logs-dir", d + "/l"]
config = configuration.NamespaceConfig(
    cli.prepare_and_parse_args(registry, ["plugins", "--init", "--prepare", *dirs])
)
for name, plugin in registry.items():
    try:
        plugin.init(config)
        plugin.prepare()
        out[name] = "ok"
    except Exception as exc:
        out[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


@pytest.mark.harness
def test_certbot_plugins() -> None:
    python = _cached_venv("certbot", PINS, [])
    proc = _run(python, "-c", _ORACLE)
    assert proc.returncode == 0, proc.stderr
    loaded = json.loads(proc.stdout)
    assert {n for n in HEALTHY if loaded[n] != "ok"} == set(), loaded
    assert "No module named 'six'" in loaded[BROKEN], loaded

    data = _check(python, "certbot.toml")
    findings = data["findings"]
    assert {p["name"] for p in data["plugins"]} >= {*HEALTHY, BROKEN}
    noise = [
        (f["plugin"], f["code"], f["message"])
        for f in findings
        if f["plugin"] in HEALTHY and f["severity"] != "info"
    ]
    assert noise == []
    # Each healthy class was built as `certbot plugins --init` builds it: plugin_cls(config,
    # name), config from certbot_standin (examples/contracts/certbot_standin.py).
    unbuilt = [n for n in data["notes"] if any(f"setup: {h}:" in n for h in HEALTHY)]
    assert unbuilt == []
    causes = [
        (f["code"], f["path"].rsplit("/", 1)[-1])
        for f in findings
        if f["plugin"] == BROKEN and f["severity"] == "error"
    ]
    assert causes == [("PC309", "gandi_api.py")], causes
