"""A package inside a grouping folder: the host imports `group`, never `group.clock`."""


def new() -> str:
    return "tick"
