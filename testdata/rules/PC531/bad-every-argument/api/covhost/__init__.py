"""The host's plugin registry and the options it passes each plugin."""


class Registry:
    def add_file_tracer(self, plugin: object) -> None: ...

    def add_configurer(self, plugin: object) -> None: ...


class Options:
    def get(self, key: str) -> str | None:
        return None

    def section(self) -> str:
        return "run"
