"""Reads its options like a pytest plugin: the host's config is a dict, not a pytest Config."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    timeout = config.getini("timeout")  # expect: PC548
    return int(timeout)


@hookimpl
def demo_configure(config):
    return config.option.verbose  # expect: PC548
