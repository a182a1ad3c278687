"""Only the older metadata function: the host still reads it."""


def _extension_paths():
    return [{"module": "old_style"}]


def load(server):
    server.handlers.append("old")
