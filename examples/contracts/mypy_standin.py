"""What mypy passes a plugin: its version string to ``plugin(version)``, and its options to the
plugin class's constructor.

Runs in the target interpreter (plugcheck calls these there, in a sandboxed process), so the
plugin meets exactly the installed mypy: ``mypy.version.__version__``, and ``mypy.options.Options``
read from a config file that lists the plugin. mypy loads plugins only from a config file's
``plugins`` setting, so a plugin always sees ``options.config_file`` set (pydantic's reads its own
section from it).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any


def version() -> str:
    from mypy.version import __version__

    return __version__


def options() -> Any:
    from mypy.options import Options

    config = Path(tempfile.mkdtemp(prefix="plugcheck-mypy-")) / "mypy.ini"
    config.write_text("[mypy]\n", encoding="utf-8")
    options = Options()
    options.config_file = str(config)
    return options
