"""The host object a Sphinx extension's ``setup(app)`` receives: a real application.

Runs in the target interpreter (plugcheck calls ``app()`` there, in a sandboxed process), over a
throwaway one-page project, so ``setup`` meets exactly the API of the installed Sphinx. The project
loads ``sphinx.ext.autodoc`` first, as the projects that use autodoc add-ons do: their ``setup``
connects to autodoc's events.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any


def app() -> Any:
    from sphinx.application import Sphinx

    root = Path(tempfile.mkdtemp(prefix="plugcheck-sphinx-"))
    conf = "project = 'plugcheck'\nextensions = ['sphinx.ext.autodoc']\n"
    (root / "conf.py").write_text(conf, encoding="utf-8")
    (root / "index.rst").write_text("Stand-in\n========\n", encoding="utf-8")
    return Sphinx(
        str(root),
        str(root),
        str(root / "_build"),
        str(root / "_doctrees"),
        "html",
        status=None,
        warning=None,
        freshenv=True,
    )
