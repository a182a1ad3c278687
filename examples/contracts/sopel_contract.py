"""What Sopel 8 passes a plugin's ``setup(bot)`` (examples/contracts/sopel.toml).

``Sopel.setup_plugins`` loads each usable plugin, calls its ``setup(bot)`` when it has one with
the bot itself, then registers its callables: the bot here is a real ``sopel.bot.Sopel`` built
from a minimal configuration file in a fresh home directory (it opens its database there).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sopel.bot import Sopel
from sopel.config import Config


def bot() -> Sopel:
    home = Path(tempfile.mkdtemp(prefix="sopel-"))
    cfg = home / "default.cfg"
    cfg.write_text(
        f"[core]\nnick = checker\nhost = irc.example.net\nowner = me\nhomedir = {home}\n"
    )
    return Sopel(Config(str(cfg)))
