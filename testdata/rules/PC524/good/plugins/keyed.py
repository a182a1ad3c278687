"""A name bound through globals() under a module constant, and by a loop over a literal dict's
items: source reads both."""


def _startup(config):
    return None


KEY = "demo_startup"
globals()[KEY] = _startup

for _name, _function in {"demo_configure": _startup}.items():  # plugcheck: ignore[PC110]
    globals()[_name] = _function
