"""What MkDocs does with the class a `mkdocs.plugins` entry point names, on every build
(mkdocs/config/config_options.py ``Plugins.load_plugin``, mkdocs/__main__.py, mkdocs/commands/
build.py, MkDocs 1.4-1.6): it checks ``issubclass(cls, BasePlugin)``, builds it with no arguments,
validates its ``config_scheme`` against the user's options (an error aborts the build: "Aborted
with a configuration error!"), registers each ``on_*`` method as an event handler, then runs the
events while it builds, passing their arguments by keyword (``on_page_markdown(markdown, page=...,
config=..., files=...)``) and putting each result in place of the item unless it is None.

``plugin(cls)`` takes those steps with MkDocs' own code for ``cls`` alone, with no user options,
on a one-page site in a temporary directory: what it raises is MkDocs' refusal. A plugin whose
options include a required one cannot be built without the user's options: only its class and
options are checked then.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

REQUIRED = "Required configuration not provided."
"""MkDocs' error for a required option the user left out (config_options.BaseConfigOption)."""


def plugin(cls: Any) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.base import ValidationError
    from mkdocs.exceptions import Abort
    from mkdocs.plugins import BasePlugin

    if not isinstance(cls, type) or not issubclass(cls, BasePlugin):
        return  # the subclass contract's own finding (MkDocs' ValidationError at load)
    with tempfile.TemporaryDirectory() as where:
        docs = os.path.join(where, "docs")
        os.mkdir(docs)
        with open(os.path.join(docs, "index.md"), "w", encoding="utf-8") as page:
            page.write("# Home\n\nA page with [a link](#home).\n")
        config_file = os.path.join(where, "mkdocs.yml")
        with open(config_file, "w", encoding="utf-8") as out:
            out.write(f"site_name: plugcheck\nsite_dir: {os.path.join(where, 'site')}\n")
        instance = cls()
        errors, _ = instance.load_config({}, config_file)
        if errors and all(str(error) == REQUIRED for _, error in errors):
            return  # the user's options decide; nothing to build with
        if errors:
            raise ValidationError("; ".join(f"option '{key}': {error}" for key, error in errors))
        config = load_config(config_file=config_file)
        config.plugins["plugin"] = instance
        lifelong = hasattr(config.plugins, "on_startup")  # MkDocs 1.4+
        if lifelong:
            config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except Abort as abort:  # MkDocs logs the plugin's error, then aborts: that error
            if abort.__context__ is None:
                raise
            raise abort.__context__ from None
        finally:
            if lifelong:
                config.plugins.on_shutdown()
