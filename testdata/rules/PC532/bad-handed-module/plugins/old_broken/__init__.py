"""Only the older metadata function, and a loader that reads what the host no longer has."""


def _extension_paths():
    return [{"module": "old_broken"}]


def load(server):
    server.web_app.add_handlers(".*", [])  # expect: PC532
