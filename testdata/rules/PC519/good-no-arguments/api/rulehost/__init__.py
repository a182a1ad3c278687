"""A linter's plugin API: pluggy markers, and the config loader plugins read defaults with."""

import pluggy

hookspec = pluggy.HookspecMarker("rulehost")
hookimpl = pluggy.HookimplMarker("rulehost")


class ConfigLoader:
    @classmethod
    def get_global(cls) -> "ConfigLoader":
        return cls()

    def load_config_string(self, text: str) -> dict[str, str]:
        return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
