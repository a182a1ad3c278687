"""Written for an older host whose Plugin had register_command()."""

from bhost import Plugin


class RenamedPlugin(Plugin):
    def __init__(self) -> None:
        super().__init__()
        self.register_command("renamed")  # expect: PC537
