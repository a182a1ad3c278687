"""An extension that keeps Python 2 code paths its Python 3 host never takes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mhost import ext

HOOKS = Path(__file__).parent / "rthooks"
PY2 = sys.version_info[0] == 2


class Extension(ext.Extension):
    ext_name = "hooks"

    def setup(self, registry: ext.Registry) -> None:
        if PY2:
            from .py2 import Backend
        else:
            from .py3 import Backend
        registry.add("backend", Backend)

    def quote(self, text: str) -> str:
        try:
            from .legacy import quote
        except ImportError:
            from urllib.parse import quote
        return quote(text)


if TYPE_CHECKING:

    def typed() -> None:
        from .stubs import Backend

        print(Backend)
