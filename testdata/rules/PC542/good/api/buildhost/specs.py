"""Each hook returns a plugin class, or a list of them (the host collects them by PLUGIN_NAME)."""

from buildhost import hookspec


@hookspec
def buildhost_register_builder() -> type:
    """A builder class (a BuilderInterface)."""


@hookspec
def buildhost_register_build_hook() -> type:
    """A build hook class (a BuildHookInterface)."""
