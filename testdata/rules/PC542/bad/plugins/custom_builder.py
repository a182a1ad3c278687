"""The builder's name is spelt plugin_name: the host finds no PLUGIN_NAME (the base's is empty)
and refuses the class when it collects builders."""

from buildhost import hookimpl
from buildhost.interface import BuilderInterface


class CustomBuilder(BuilderInterface):
    plugin_name = "custom"

    def build(self, directory: str) -> str:
        return f"{directory}/custom.tar"


@hookimpl
def buildhost_register_builder():  # expect: PC542
    return CustomBuilder
