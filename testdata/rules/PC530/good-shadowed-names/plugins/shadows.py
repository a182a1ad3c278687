"""Names of the host's modules that a function, a lambda or a comprehension binds for itself."""

from pathlib import Path

from demo_api import BasePlugin, utils


def parent_of(utils: Path) -> Path:
    return utils.parent  # the parameter, not demo_api.utils


def stem_of(name: str) -> str:
    utils = Path(name)
    return utils.stem


def handled() -> str:
    try:
        return "ok"
    except ValueError as utils:
        return str(utils.args)


STEMS = [utils.stem for utils in (Path("a.txt"), Path("b.txt"))]
PARENT = (lambda utils: utils.parent)(Path("x/y"))


class Plugin(BasePlugin):
    def on_start(self) -> None:
        print(utils.slugify("A B"), parent_of(Path("x")), stem_of("y"), handled(), STEMS, PARENT)
