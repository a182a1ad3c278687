"""Reads its options from the dict the host passes, as a mapping."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    timeout = (config or {}).get("timeout", 30)
    return int(timeout)


@hookimpl
def demo_configure(config):
    if hasattr(config, "option"):
        return config.option.verbose
    return bool(config and config.get("verbose"))
