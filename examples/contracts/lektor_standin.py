"""What Lektor passes a plugin class: the build environment of a project.

Runs in the target interpreter (plugcheck calls it there, in a sandboxed process).
``lektor.pluginsystem.initialize_plugins`` builds every plugin as ``plugin_cls(env, plugin_id)``
with the ``Environment`` of the project being built; here that is an empty project (a
``.lektorproject`` file and nothing else) in a temporary directory, loaded without plugins, so
each plugin is built alone, as the only one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any


def env() -> Any:
    from lektor.environment import Environment
    from lektor.project import Project

    root = Path(tempfile.mkdtemp(prefix="plugcheck-lektor-"))
    (root / "site.lektorproject").write_text("[project]\nname = site\n", encoding="utf-8")
    return Environment(Project.from_path(str(root)), load_plugins=False)
