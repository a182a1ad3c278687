"""xarray as a real host in the slow suite: each entry point of `xarray.backends` names a
backend class (a BackendEntrypoint subclass); list_engines() loads them all, reads each
open_dataset's signature where the class does not list its parameters, and builds each class
with no arguments (examples/contracts/xarray.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI backends, xarray's
own list_engines() (a RuntimeWarning "Engine 'x' loading failed" for one it cannot load) as the
oracle, run first. xradar 0.4.0's engines import xarray-datatree 0.0.15 (its requirement),
which imports xarray.core.merge, gone from xarray since the module moved: none of its six
engines loads. plugcheck must give no error and no warning to the backends xarray loads and
name the cause for those it does not, with the shipped contract and with `plugcheck init`'s
proposal, unedited.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _init_checked, _judged, _run

pytestmark = pytest.mark.slow

PLUGINS = {  # distribution pin -> its engines (entry-point names)
    "cfgrib==0.9.15.1": {"cfgrib"},
    "rioxarray==0.19.0": {"rasterio"},
    "xarray-sentinel==0.9.6": {"sentinel-1"},
    "xarray-selafin==0.2.5": {"selafin"},
    "gribberish==0.30.3": {"gribberish"},
}
PINS = ["xarray==2026.9.0", *PLUGINS]
HEALTHY = set().union(*PLUGINS.values())
BROKEN = {"cfradial1", "furuno", "gamic", "iris", "odim", "rainbow"}  # xradar 0.4.0's
# Without their dependencies (xarray-datatree 0.0.15 itself declares xarray<=2024.07.0, which an
# installer would satisfy by downgrading the host); xradar's other requirements are installed.
BROKEN_PINS = ["xradar==0.4.0", "xarray-datatree==0.0.15"]
XRADAR_NEEDS = ["cmweather", "h5netcdf", "h5py", "lat-lon-parser", "netCDF4", "xmltodict", "dask"]

_ORACLE = """
import json, warnings
from importlib.metadata import entry_points
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import xarray as xr
    engines = xr.backends.list_engines()
out = {
    ep.name: "ok" if ep.name in engines else "missing"
    for ep in entry_points(group="xarray.backends")
}
for w in caught:
    said = str(w.message)
    if said.startswith("Engine "):
        out[said.split("'")[1]] = said
print(json.dumps(out))
"""


@pytest.mark.harness
def test_xarray_backends(tmp_path: Path) -> None:
    python = _cached_venv("xarray", PINS, BROKEN_PINS, *XRADAR_NEEDS)
    loads = json.loads(_run(python, "-c", _ORACLE).stdout)
    assert {name for name, said in loads.items() if said == "ok"} == HEALTHY, loads
    assert set(loads) == HEALTHY | BROKEN, loads
    assert all("No module named 'xarray.core.merge'" in loads[n] for n in BROKEN), loads

    data = _check(python, "xarray.toml")
    for broken in sorted(BROKEN):
        noise, found = _judged(data, HEALTHY, broken)
        assert noise == []
        assert [f["code"] for f in found] == ["PC401"], found
        assert "xarray.core.merge" in found[0]["message"]

    # `plugcheck init` on xarray, unedited: the group, and no export read from the host's own
    # calls of Dataset.load() (they made every Dataset method a plugin lookup before).
    proposal, data = _init_checked(python, "xarray", tmp_path)
    assert 'entry-point-group = "xarray.backends"' in proposal
    assert "preload" not in proposal, proposal
    for broken in sorted(BROKEN):
        noise, found = _judged(data, HEALTHY, broken)
        assert noise == []
        assert [f["code"] for f in found] == ["PC401"], found
