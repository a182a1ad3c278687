"""The bases the host instantiates plugin classes through."""


class BuilderInterface:
    PLUGIN_NAME = ""

    def build(self, directory: str) -> str:
        raise NotImplementedError


class BuildHookInterface:
    PLUGIN_NAME = ""

    def initialize(self, version: str, build_data: dict[str, object]) -> None:
        pass
