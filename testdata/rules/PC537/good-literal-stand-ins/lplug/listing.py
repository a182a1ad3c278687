"""Takes what the host passes as it is: a name that may be None, a list, a table."""

from lhost import Plugin


class Listing(Plugin):
    def __init__(self, name: str | None, commands: list[str], options: dict[str, bool]) -> None:
        if name is not None or commands != ["ls", "cp"] or options != {"verbose": True}:
            raise ValueError((name, commands, options))  # only the host's own values work
        super().__init__(name, commands, options)
