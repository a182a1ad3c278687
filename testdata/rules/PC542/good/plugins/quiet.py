"""A plugin that registers nothing for this build: None is no result, for pluggy and the host."""

from buildhost import hookimpl


@hookimpl
def buildhost_register_builder():
    return None
