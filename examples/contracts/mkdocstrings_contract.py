"""What mkdocstrings calls a handler module's ``get_handler`` with, and stand-ins for it.

mkdocstrings (``Handlers.get_handler``) imports ``mkdocstrings_handlers.<name>`` and calls
``module.get_handler(theme=..., custom_templates=..., mdx=..., mdx_config=...,
handler_config=..., tool_config=...)`` (all by keyword), then uses the result as a
``mkdocstrings.BaseHandler``. The types are the ones mkdocstrings passes: its MkDocs plugin gives
the MkDocs configuration as ``tool_config`` and the handler's table of ``mkdocs.yml`` (a dict) as
``handler_config``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from markdown import Extension
from mkdocs.config.defaults import MkDocsConfig
from mkdocstrings import BaseHandler


class GetHandler(Protocol):
    def __call__(
        self,
        *,
        theme: str,
        custom_templates: str | None,
        mdx: Sequence[str | Extension],
        mdx_config: Mapping[str, Any],
        handler_config: dict[str, Any],
        tool_config: MkDocsConfig,
    ) -> BaseHandler: ...


# Stand-ins for what mkdocstrings' MkDocs plugin passes (mkdocstrings/_internal/plugin.py): the
# theme's name, no custom templates, MkDocs' Markdown extensions and their configs, the handler's
# (empty) table of mkdocs.yml, and the loaded MkDocs configuration of a minimal site.


def theme() -> Any:
    return "material"


def custom_templates() -> Any:
    return None


def mdx() -> Any:
    return list(tool_config().markdown_extensions)


def mdx_config() -> Any:
    return dict(tool_config().mdx_configs)


def handler_config() -> Any:
    return {}


def tool_config() -> Any:
    """The configuration MkDocs loads for a site with a name and an empty docs folder."""
    import os
    import tempfile

    from mkdocs.config import load_config

    site = tempfile.mkdtemp(prefix="plugcheck-mkdocs-")
    os.mkdir(os.path.join(site, "docs"))
    with open(os.path.join(site, "mkdocs.yml"), "w", encoding="utf-8") as file:
        file.write("site_name: plugcheck\n")
    return load_config(os.path.join(site, "mkdocs.yml"))
