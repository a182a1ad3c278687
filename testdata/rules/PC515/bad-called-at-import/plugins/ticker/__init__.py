"""The package calls its own loader at import: the loader's import of ``ticker.impl`` runs
whenever the host imports the plugin."""

from __future__ import annotations

from plugapi import Factory


def _load() -> Factory:
    from .impl import new

    return new


def main() -> None:
    from . import cli  # only `python -m ticker` runs this

    cli.run()


new = _load()

if __name__ == "__main__":
    main()

__all__ = ["new"]
