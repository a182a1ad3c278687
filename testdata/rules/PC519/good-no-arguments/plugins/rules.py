"""Reads its defaults with what the installed host's ConfigLoader has."""

from rulehost import ConfigLoader, hookimpl


class Rule_X01:
    code = "X01"


@hookimpl
def get_rules():
    return [Rule_X01]


@hookimpl
def load_default_config():
    return ConfigLoader.get_global().load_config_string("x01_max = 3\n")
