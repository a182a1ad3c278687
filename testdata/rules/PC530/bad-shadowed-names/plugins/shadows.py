"""A function that binds a name elsewhere still reads the host's module where it does not."""

from pathlib import Path

from demo_api import BasePlugin, utils


def parent_of(path: Path) -> Path:
    return utils.parent_dir(path)  # expect: PC530


def declared() -> object:
    global utils
    return utils.old_helper  # expect: PC530


def imported_inside() -> object:
    from demo_api import utils as helpers

    return helpers.warning_filter  # expect: PC530


STEMS = [utils.stem(p) for p in (Path("a.txt"),)]  # expect: PC530


class Plugin(BasePlugin):
    def on_start(self) -> None:
        print(parent_of(Path("x")), declared(), imported_inside(), STEMS)
