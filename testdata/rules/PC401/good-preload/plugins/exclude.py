"""Reads hostpkg.config.options through the package, as mkdocs-exclude does."""

import hostpkg
import hostpkg.plugins


class Exclude(hostpkg.plugins.BasePlugin):
    config_scheme = (("glob", hostpkg.config.options.Type(str)),)
