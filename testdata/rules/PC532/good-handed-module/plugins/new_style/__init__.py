"""Today's metadata function."""


def _extension_points():
    return [{"module": "new_style"}]


def load(server):
    server.handlers.append("new")
