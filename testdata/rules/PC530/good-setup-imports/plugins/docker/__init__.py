"""Imports its command only when the host calls plugin()."""

from apphost import Core


def plugin(core: Core) -> None:
    from .commands import DockerCommand

    core.register_command(DockerCommand, "docker")
