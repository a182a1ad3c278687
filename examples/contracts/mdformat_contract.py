"""What mdformat (0.7 and 1.0) does with its plugins on every run (mdformat/_cli.py, _api.py,
_util.py, renderer/__init__.py).

A ``mdformat.parser_extension`` entry point names an object, in practice a module: mdformat
loads every one into ``mdformat.plugins.PARSER_EXTENSIONS`` (keyed by the entry point's name),
asks each for ``add_cli_argument_group(group)`` when it has one, calls ``update_mdit(mdit)`` on
the parser, then reads ``RENDERERS`` (and ``POSTPROCESSORS`` when present) while it renders,
and checks that the result renders to the same HTML unless ``CHANGES_AST`` says otherwise.

A ``mdformat.codeformatter`` entry point names a function that mdformat calls as
``fmt(code, info_str)`` for each code block of that language and whose result replaces the
block (an exception is a warning and the block is left as it was).

``parser_extension(obj)`` takes those steps with mdformat's own code, for ``obj`` alone, on a
document using the common extensions' syntax: what it raises is mdformat's refusal of the plugin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CodeFormatter = Callable[[str, str], str]
"""``mdformat.plugins.CODEFORMATTERS: Mapping[str, Callable[[str, str], str]]``."""

UpdateMdit = Callable[[Any], None]
"""``ParserExtensionInterface.update_mdit(mdit: MarkdownIt) -> None``."""

AddArgumentGroup = Callable[[Any], None]
"""``ParserExtensionInterface.add_cli_argument_group(group) -> None`` (optional)."""

# A user's document with the syntax mdformat's common extensions handle (front matter, a
# table of contents between mdformat-toc's markers, footnotes, tables, admonitions, definition
# lists, task lists, wiki links, MyST roles): an extension's renderers run only on the syntax
# it parses. mdformat alone and each healthy extension alone format it and keep its HTML.
SAMPLE = """\
---
title: Sample
tags: [a, b]
---

# Title

<!-- mdformat-toc start --slug=github --no-anchors --maxlevel=6 --minlevel=1 -->

- [Title](#title)
  - [Section](#section)

<!-- mdformat-toc end -->

## Section

Text with a footnote[^1] and a [[Wiki Link]] and {sub}`role`.

| a | b |
|---|:-:|
| 1 | 2 |

!!! note "Title"
    Admonition body.

Term
: Definition

- [ ] task
- [x] done

```python
x = {  'a':1 }
```

[^1]: The note.
"""


class _Installed(dict[str, Any]):
    """mdformat's loaded extensions as a plugin sees them: the one judged, and any other
    installed one it asks for by name (mdformat-gfm's ``update_mdit`` adds the ``tables``
    extension from ``PARSER_EXTENSIONS``), loaded only then, as mdformat would have."""

    def __missing__(self, name: str) -> Any:
        import importlib.metadata

        for ep in importlib.metadata.entry_points(group="mdformat.parser_extension"):
            if ep.name == name:
                self[name] = loaded = ep.load()
                return loaded
        raise KeyError(name)


class RefusedByHost(Exception):
    """What mdformat's command line reports as an error for this document."""


def parser_extension(obj: Any) -> None:
    import argparse

    import mdformat
    import mdformat.plugins

    # The command line asks every plugin for its options group before it formats anything.
    if hasattr(obj, "add_cli_argument_group"):
        parser = argparse.ArgumentParser(prog="mdformat")
        obj.add_cli_argument_group(parser.add_argument_group(title="plugin"))

    # mdformat finds extensions by name in PARSER_EXTENSIONS: this one alone, for this call.
    missing = object()
    saved = mdformat.plugins.__dict__.get("PARSER_EXTENSIONS", missing)
    mdformat.plugins.PARSER_EXTENSIONS = _Installed(plugin=obj)  # the host's own cache
    try:
        formatted = mdformat.text(SAMPLE, extensions=["plugin"])
        if not getattr(obj, "CHANGES_AST", False):
            from mdformat._util import is_md_equal

            if not is_md_equal(SAMPLE, formatted, extensions=["plugin"]):
                raise RefusedByHost(
                    "the formatted Markdown renders to different HTML than the input"
                    " (mdformat: 'Could not format')"
                )
    finally:
        if saved is missing:
            del mdformat.plugins.PARSER_EXTENSIONS
        else:
            mdformat.plugins.PARSER_EXTENSIONS = saved
