"""Copies the hook-named members of every submodule pkgutil finds into the package: which names
register() finds, source cannot tell (the loop's keys come from the submodules at run time)."""

import importlib
import pkgutil

for _info in pkgutil.iter_modules(__path__):  # plugcheck: ignore[PC110]
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _key, _value in vars(_module).items():
        if _key.startswith("demo_"):
            globals()[_key] = _value  # expect: PC524
