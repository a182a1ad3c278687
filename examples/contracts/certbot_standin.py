"""What certbot passes to a plugin class: its configuration, ``plugin_cls(config, name)``.

``certbot plugins --init`` (and every run that uses a plugin) builds the chosen class with a
``NamespaceConfig`` over the parsed command line. The stand-in parses the command line as
certbot does, with certbot's own plugins (manual, standalone, webroot, null: the CLI needs
their topics) and no other installed one (each plugin is checked on its own), and its
directories in a fresh temporary directory (a check must not touch /etc/letsencrypt).
"""

from __future__ import annotations

import tempfile
from typing import Any


def config() -> Any:
    from importlib.metadata import entry_points

    from certbot import configuration
    from certbot._internal import cli
    from certbot._internal.plugins import disco

    own: dict[str, Any] = {}
    for ep in entry_points(group="certbot.plugins"):
        if ep.dist is not None and ep.dist.name == "certbot":
            disco.PluginsRegistry._load_entry_point(ep, own)
    top = tempfile.mkdtemp(prefix="certbot-")
    args = ["plugins", "--config-dir", f"{top}/config", "--work-dir", f"{top}/work"]
    args += ["--logs-dir", f"{top}/logs"]
    parsed = cli.prepare_and_parse_args(disco.PluginsRegistry(own), args)
    return configuration.NamespaceConfig(parsed)
