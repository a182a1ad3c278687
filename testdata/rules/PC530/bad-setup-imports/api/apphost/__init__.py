"""An application that calls each plugin's ``plugin(core)`` with itself on every start."""


class Core:
    def register_command(self, command: type, name: str) -> None:
        pass
