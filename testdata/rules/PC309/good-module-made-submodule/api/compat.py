"""A compatibility module that makes its own submodule, as six makes six.moves."""

import configparser as _configparser
import sys
import types

moves = types.ModuleType(__name__ + ".moves")
moves.configparser = _configparser  # type: ignore[attr-defined]
sys.modules[moves.__name__] = moves
