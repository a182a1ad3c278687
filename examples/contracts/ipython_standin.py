"""The host object an IPython extension's ``load_ipython_extension(ipython)`` receives: the
running ``InteractiveShell``.

Runs in the target interpreter (plugcheck calls ``shell()`` there, in a sandboxed process), so
the extension meets exactly the API of the installed IPython. The shell's profile lives in a
fresh temporary folder and keeps no history database, as a shell started by a test would.
"""

from __future__ import annotations

from typing import Any


def shell() -> Any:
    import os
    import tempfile

    os.environ["IPYTHONDIR"] = tempfile.mkdtemp(prefix="plugcheck-ipython-")
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    return InteractiveShell.instance(config=config)
