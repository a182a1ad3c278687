"""Written for a host that passed the name as a string: None has no .upper()."""

from lhost import Plugin


class Listing(Plugin):
    def __init__(self, name: str | None, commands: list[str], options: dict[str, bool]) -> None:
        super().__init__(name.upper(), commands, options)  # expect: PC537
