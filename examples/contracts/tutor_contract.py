"""What Tutor (Open edX's distribution) does with a plugin module: ``tutor plugins enable NAME``
imports it (a ``tutor.plugin.v1`` module registers its hooks as it is imported; a
``tutor.plugin.v0`` module's ``config``, ``patches``, ``hooks`` and ``templates`` attributes are
read by Tutor's v0 loader, which reads the template files they name), then ``tutor config save``
renders the whole environment with the plugin's defaults, patches and templates.

``enable(module)`` runs Tutor's own command line for both in a fresh project root: what it
raises (a hook Tutor no longer has, a template file that is not there, a template that names a
setting Tutor no longer defines) is Tutor's refusal of the plugin.
"""

from __future__ import annotations

import os
import tempfile
from importlib import metadata
from typing import Any

from tutor import utils

GROUPS = ("tutor.plugin.v1", "tutor.plugin.v0")

# The one setting Tutor generates that costs seconds (a 2048-bit RSA key): made once, when the
# contract's `preload` imports this module, and given to each project root as a user's
# config.yml would; Tutor generates every other unique setting itself.
_KEY = utils.rsa_private_key(2048)


def enable(module: Any) -> None:
    from tutor import hooks, serialize
    from tutor.commands.cli import cli

    names = [
        ep.name
        for group in GROUPS
        for ep in metadata.entry_points(group=group)
        if ep.value == module.__name__
    ]
    if not names:
        raise LookupError(f"no entry point of {' or '.join(GROUPS)} names {module.__name__}")
    hooks.Actions.CORE_READY.do()  # discovers the installed plugins, as `tutor` does first
    with tempfile.TemporaryDirectory() as root:
        with open(os.path.join(root, "config.yml"), "w", encoding="utf-8") as config:
            config.write(serialize.dumps({"JWT_RSA_PRIVATE_KEY": _KEY}))
        for command in (["plugins", "enable", names[0]], ["config", "save"]):
            cli.main(["--root", root, *command], standalone_mode=False)
