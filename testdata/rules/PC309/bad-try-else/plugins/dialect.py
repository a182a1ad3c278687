"""Its `else` block runs (json is there) and imports a module that is not installed."""

try:
    import json
except ImportError:
    json = None
else:
    from fastjson_not_installed import loads  # expect: PC309


def plugin(version: str) -> object:
    return loads(version) if json else version
