"""The host's own top-level packages, as a contract names them (PC530 and its neighbours)."""

from __future__ import annotations

import sys

from plugcheck.model import Contract
from plugcheck.rules.setup_spec import setup_contract

_MADE: dict[int, tuple[Contract, tuple[str, ...], frozenset[str]]] = {}
"""``id(contract)`` -> the contract (kept, so its id is not reused while listed), its host
packages and their set: asked by a dozen checks per plugin, the answer was made again each
time (about 9,600 times in a 1,000-plugin run)."""


def host_packages(contract: Contract) -> tuple[str, ...]:
    """Explicit ``host-packages``, else the packages the contract names: its kind's (hookspecs,
    base class), its ``api`` and the modules of its types (the standard library excepted)."""
    return _made(contract)[1]


def host_package_set(contract: Contract) -> frozenset[str]:
    """:func:`host_packages` as a set, for membership tests."""
    return _made(contract)[2]


def _made(contract: Contract) -> tuple[Contract, tuple[str, ...], frozenset[str]]:
    made = _MADE.get(id(contract))
    if made is None or made[0] is not contract:
        if len(_MADE) >= 64:  # a long-lived process (pytest, the Python API) meets many
            _MADE.clear()
        packages = _packages(contract)
        made = _MADE[id(contract)] = (contract, packages, frozenset(packages))
    return made


def _packages(contract: Contract) -> tuple[str, ...]:
    explicit = contract.options.get("host-packages")
    if isinstance(explicit, list):
        return tuple(explicit)
    found: list[str] = []
    pluggy = contract.options.get("pluggy")
    if contract.kind == "pluggy" and isinstance(pluggy, dict):
        found += [str(s).partition(":")[0].split(".")[0] for s in pluggy.get("hookspecs", [])]
        found.append(str(pluggy.get("project", "")))
    base = contract.options.get("base")
    if contract.kind == "subclass" and isinstance(base, str):
        found.append(base.partition(":")[0].split(".")[0])
    if contract.api:  # a factory host's plugin API: `from fhost import PluginV2`
        found.append(contract.api.split(".")[0])
    # The types the contract names are the host's: an entry-point object's `babel...:Extractor`,
    # a setup function's `coverage.plugin_support:Plugins` argument.
    refs: list[str] = [ref.module for ref in contract.references()]
    setup = setup_contract(contract)
    if setup is not None:
        refs += [ref.module for ref in setup.arguments if ref is not None]
        refs += [setup.return_type.partition(":")[0]] if setup.return_type else []
    found += [module.split(".")[0] for module in refs]
    return tuple(dict.fromkeys(p for p in found if p and p not in sys.stdlib_module_names))
