"""The hookspecs are methods of a class (add_hookspecs(PluginSpec)); no hook takes arguments."""

from rulehost import hookspec


class PluginSpec:
    @hookspec
    def get_rules(self) -> list[type]:
        """The plugin's rule classes."""

    @hookspec
    def load_default_config(self) -> dict[str, str]:
        """The plugin's default settings."""
