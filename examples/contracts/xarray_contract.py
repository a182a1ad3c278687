"""What xarray does with each backend class before it can be used (xarray/backends/plugins.py,
``build_engines``): ``set_missing_parameters`` reads ``open_dataset``'s signature when the class
leaves ``open_dataset_parameters`` at ``None``, and raises TypeError for ``*args`` or
``**kwargs`` there. That error is not caught: ``list_engines()`` fails, and with it every
``xr.open_dataset`` of every engine, not only this backend's.
"""

from __future__ import annotations

from typing import Any


def engine(backend: Any) -> None:
    """xarray's own step on the object ``backend_class()`` built (its class, as xarray has it)."""
    from xarray.backends.plugins import set_missing_parameters

    set_missing_parameters({"engine": type(backend)})
