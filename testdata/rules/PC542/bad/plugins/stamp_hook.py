"""The build hook class forgets its base: the host instantiates it as a BuildHookInterface and
calls what only the base defines."""

from buildhost import hookimpl


class StampHook:
    PLUGIN_NAME = "stamp"

    def initialize(self, version: str, build_data: dict[str, object]) -> None:
        build_data["stamp"] = version


@hookimpl
def buildhost_register_build_hook():  # expect: PC542
    return [StampHook]
