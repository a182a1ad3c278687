"""Written for an older host whose ConfigLoader had load_config_file(): it registers fine, and
fails as soon as the host asks it for its defaults."""

from rulehost import ConfigLoader, hookimpl


class Rule_X01:
    code = "X01"


@hookimpl
def get_rules():
    return [Rule_X01]


@hookimpl
def load_default_config():
    return ConfigLoader.get_global().load_config_file("x01.cfg")  # expect: PC519
