"""Names bound through globals() at the top level by a loop over a literal tuple and by an
update with a literal dict: source reads both."""


def _startup(config):
    return None


for _name in ("demo_startup",):  # plugcheck: ignore[PC110]
    globals()[_name] = _startup

globals().update({"demo_configure": _startup})  # plugcheck: ignore[PC110]
