"""Two builders in a list, one naming itself through its own base; a build hook returned alone."""

from buildhost import hookimpl
from buildhost.interface import BuilderInterface, BuildHookInterface


class NamedBuilder(BuilderInterface):
    PLUGIN_NAME = "custom"

    def build(self, directory: str) -> str:
        return f"{directory}/custom.tar"


class ZipBuilder(NamedBuilder):
    PLUGIN_NAME = "custom-zip"


class StampHook(BuildHookInterface):
    PLUGIN_NAME = "stamp"


@hookimpl
def buildhost_register_builder():
    return [NamedBuilder, ZipBuilder]


@hookimpl
def buildhost_register_build_hook():
    return StampHook
