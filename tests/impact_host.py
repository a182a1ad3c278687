"""A synthetic host whose API goes 1.0 -> 2.0 with one of each kind of breaking change, and 20
plugins each broken by a known subset of them (``BROKEN_BY``). Both API versions are wheels in
a local wheelhouse, so ``plugcheck impact --before synth-api==1.0 --after synth-api==2.0
--find-links WHEELHOUSE --no-index`` builds its environments without the network."""

from __future__ import annotations

import base64
import hashlib
import textwrap
import zipfile
from pathlib import Path

from hosts import write_host

API_1 = {
    "synth_api/__init__.py": '''
        """The synthetic host's plugin API, version 1.0."""
        from abc import ABC, abstractmethod
        from collections.abc import Callable
        from typing import Protocol

        class Plugin(Protocol):
            def init(self, config: dict[str, object]) -> None: ...
            def run(self) -> None: ...
            def shutdown(self) -> None: ...
            def label(self) -> str: ...
            def describe(self) -> str: ...

        Factory = Callable[[], Plugin]

        class BasePlugin(ABC):
            def init(self, config: dict[str, object]) -> None:
                pass
            @abstractmethod
            def run(self) -> None: ...
            def shutdown(self) -> None:
                pass
            def label(self) -> str:
                return "plugin"
            def describe(self) -> str:
                return type(self).__name__

        def register_option(name: str, default: object = None) -> None:
            pass

        def legacy_format(value: object) -> str:
            return str(value)

        def unused_helper() -> None:
            pass
    ''',
    "synth_api/util.py": """
        def slugify(text: str) -> str:
            return text.lower().replace(" ", "-")
    """,
}

API_2 = {
    "synth_api/__init__.py": '''
        """The synthetic host's plugin API, version 2.0."""
        from abc import ABC, abstractmethod
        from collections.abc import Callable
        from typing import Protocol

        class Plugin(Protocol):
            def init(self, config: dict[str, object]) -> None: ...
            def run(self) -> None: ...
            def shutdown(self) -> None: ...
            def title(self) -> str: ...
            def describe(self) -> dict[str, str]: ...

        Factory = Callable[[], Plugin]

        class BasePlugin(ABC):
            def init(self, config: dict[str, object]) -> None:
                pass
            @abstractmethod
            def run(self) -> None: ...
            @abstractmethod
            def validate(self) -> None: ...
            def shutdown(self) -> None:
                pass
            def title(self) -> str:
                return "plugin"
            def describe(self) -> dict[str, str]:
                return {"name": type(self).__name__}

        def register_option(name: str, default: object, help: str) -> None:
            pass
    ''',
    "synth_api/text.py": """
        def slugify(text: str) -> str:
            return text.lower().replace(" ", "-")
    """,
}

# The breaking changes of 2.0, by the API object griffe (or plugcheck) names for each.
CHANGES = {
    "removed": "synth_api.legacy_format",
    "required": "synth_api.register_option",
    "renamed": "synth_api.Plugin.label",
    "return": "synth_api.Plugin.describe",
    "abstract": "synth_api.BasePlugin.validate",
    "moved": "synth_api.util",
}
SAFE = "synth_api.unused_helper"

_SUB_OK = textwrap.dedent("""
    class P(BasePlugin):
        def run(self) -> None:
            pass
        def validate(self) -> None:
            pass
""")

# Implements the Protocol without deriving from BasePlugin.
_DIRECT = """
    class P:
        def init(self, config: dict[str, object]) -> None:
            pass
        def run(self) -> None:
            pass
        def shutdown(self) -> None:
            pass
        def label(self) -> str:
            return "direct"
        def describe(self) -> Any:  # fits 1.0's str and 2.0's dict
            return {}
"""

_PLUGINS: dict[str, tuple[str, str, set[str]]] = {
    # name: (imports, body, the changes that break it)
    "ok01": ("from synth_api import BasePlugin", _SUB_OK, set()),
    "ok02": ("from synth_api import BasePlugin", _SUB_OK, set()),
    "ok03": ("from synth_api import BasePlugin", _SUB_OK, set()),
    "ok04": ("from synth_api import BasePlugin", _SUB_OK, set()),
    "legacy1": ("from synth_api import BasePlugin, legacy_format", _SUB_OK, {"removed"}),
    "legacy2": ("from synth_api import BasePlugin, legacy_format", _SUB_OK, {"removed"}),
    "option1": (
        "from synth_api import BasePlugin, register_option",
        _SUB_OK + "\n\ndef new() -> P:\n    register_option('width', 80)\n    return P()\n",
        {"required"},
    ),
    "option2": (
        "from synth_api import BasePlugin, register_option",
        _SUB_OK + "\n\ndef new() -> P:\n    register_option('depth', 3)\n    return P()\n",
        {"required"},
    ),
    "direct1": ("from typing import Any", _DIRECT, {"renamed"}),
    "direct2": ("from typing import Any", _DIRECT, {"renamed"}),
    "describe1": (
        "from synth_api import BasePlugin",
        _SUB_OK + "    def describe(self) -> str:\n        return 'one'\n",
        {"return"},
    ),
    "describe2": (
        "from synth_api import BasePlugin",
        _SUB_OK + "    def describe(self) -> str:\n        return 'two'\n",
        {"return"},
    ),
    "abstract1": (
        "from synth_api import BasePlugin",
        """
        class P(BasePlugin):
            def run(self) -> None:
                pass
        """,
        {"abstract"},
    ),
    "abstract2": (
        "from synth_api import BasePlugin",
        """
        class P(BasePlugin):
            def run(self) -> None:
                pass
        """,
        {"abstract"},
    ),
    "moved1": (
        "from synth_api import BasePlugin\nfrom synth_api.util import slugify",
        _SUB_OK,
        {"moved"},
    ),
    "moved2": (
        "from synth_api import BasePlugin\nfrom synth_api.util import slugify",
        _SUB_OK,
        {"moved"},
    ),
    "two1": (
        "from synth_api import BasePlugin, legacy_format",
        """
        class P(BasePlugin):
            def run(self) -> None:
                pass
        """,
        {"removed", "abstract"},
    ),
    "future1": (  # written for 2.0 already: broken before, fixed after
        "from synth_api import BasePlugin\nfrom synth_api.text import slugify",
        _SUB_OK,
        set(),
    ),
    # Broken on both sides (no factory); 2.0 breaks its import too: still broken, but the
    # removal of legacy_format is not safe.
    "nofactory": ("from synth_api import legacy_format", "X = 1\n", {"removed"}),
    "ok05": ("from synth_api import BasePlugin", _SUB_OK, set()),
}
BROKEN_BY = {name: changes for name, (_, _, changes) in _PLUGINS.items()}
FIXED = {"future1"}
STILL_BROKEN = {"nofactory"}

CONTRACT = """
[tool.plugcheck.contracts.synth]
kind = "factory"
api = "synth_api"
api-distribution = "synth-api"
paths = ["plugins/*.py"]

[tool.plugcheck.contracts.synth.exports]
new = "synth_api:Factory"

[tool.plugcheck.contracts.synth.lifecycle]
protocol = "synth_api:Plugin"
factory = "new"
deadline = 10.0
"""


# A second contract whose API distribution is installed alike on both sides (through the
# requirements file add_other_contract writes): the after side carries its plugins over.
OTHER_CONTRACT = """
[tool.plugcheck.contracts.other]
kind = "factory"
api = "other_api"
api-distribution = "other-api"
paths = ["others/*.py"]

[tool.plugcheck.contracts.other.exports]
new = "other_api:Factory"

[tool.plugcheck.contracts.other.lifecycle]
protocol = "other_api:Plugin"
factory = "new"
deadline = 10.0
"""

OTHER_API = {
    "other_api/__init__.py": """
        from collections.abc import Callable
        from typing import Protocol

        class Plugin(Protocol):
            def init(self, config: dict[str, object]) -> None: ...
            def run(self) -> None: ...
            def shutdown(self) -> None: ...

        Factory = Callable[[], Plugin]
    """
}

OTHER_PLUGIN = """
class P:
    def init(self, config: dict[str, object]) -> None:
        pass
    def run(self) -> None:
        {run}
    def shutdown(self) -> None:
        pass
"""


def sides(wheelhouse: Path) -> list[str]:
    """The impact options of API 1.0 -> 2.0 from the wheelhouse alone."""
    return [
        "--before",
        "synth-api==1.0",
        "--after",
        "synth-api==2.0",
        "--find-links",
        str(wheelhouse),
        "--no-index",
    ]


def make_host(root: Path, plugins: set[str] | None = None, copies: int = 1) -> tuple[Path, Path]:
    """Write the host (its contract and plugins) and the wheelhouse under ``root``; returns
    (host directory, wheelhouse). ``copies`` > 1 writes each plugin that many times
    (``ok01_2``...), for benchmarks."""
    sources: dict[str, str] = {}
    for name, (imports, body, _) in _PLUGINS.items():
        if plugins is not None and name not in plugins:
            continue
        factory = (
            ""
            if name == "nofactory" or "def new" in body
            else "\n\ndef new() -> P:\n    return P()\n"
        )
        source = f"{imports}\n{textwrap.dedent(body)}{factory}"
        for copy in range(1, copies + 1):
            sources[name if copy == 1 else f"{name}_{copy}"] = source
    host = write_host(root / "host", plugins=sources, pyproject=CONTRACT)
    wheelhouse = root / "wheelhouse"
    wheelhouse.mkdir()
    wheel(wheelhouse, "synth_api", "1.0", API_1)
    wheel(wheelhouse, "synth_api", "2.0", API_2)
    return host, wheelhouse


def wheel(directory: Path, name: str, version: str, files: dict[str, str]) -> Path:
    """A pure-Python wheel of ``files`` (dedented), built without any build backend."""
    dist_info = f"{name}-{version}.dist-info"
    contents = {path: textwrap.dedent(text).lstrip() for path, text in files.items()}
    contents[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: {version}\n"
    )
    contents[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: plugcheck-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = []
    for path, text in contents.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    contents[f"{dist_info}/RECORD"] = "\n".join(record) + "\n"
    path = directory / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in contents.items():
            archive.writestr(member, text)
    return path


def add_other_contract(
    host: Path, wheelhouse: Path, plugins: dict[str, str], imports: dict[str, str] | None = None
) -> Path:
    """Add the ``other`` contract to ``host``, a plugin ``others/NAME.py`` per item of
    ``plugins`` (NAME: the body of its ``run()``, after ``imports[NAME]``), other-api 1.0 to
    the wheelhouse; returns the requirements file that installs it."""
    wheel(wheelhouse, "other_api", "1.0", OTHER_API)
    with (host / "pyproject.toml").open("a", encoding="utf-8") as out:
        out.write(OTHER_CONTRACT)
    (host / "others").mkdir()
    for name, run in plugins.items():
        head = (imports or {}).get(name, "")
        source = f"{head}\n{OTHER_PLUGIN.format(run=run)}\n\ndef new() -> P:\n    return P()\n"
        (host / "others" / f"{name}.py").write_text(source, encoding="utf-8")
    requirements = host / "requirements.txt"
    requirements.write_text("other-api==1.0\n", encoding="utf-8")
    return requirements
