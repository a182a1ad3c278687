"""asdf as a real host in the slow suite: each entry point of `asdf.extensions` and
`asdf.resource_mappings` names a function asdf calls with no arguments; what it returns (a list,
or one element) is wrapped element by element in ExtensionProxy / ResourceMappingProxy, whose
constructors validate it (examples/contracts/asdf.toml, `accepted-by`).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins, asdf's own
load (its `_list_entry_points`, which warns "plugin from package X failed to load") as the
oracle, run first. gwcs 0.18.3's extension has converters of several tags without
`select_tag`, which asdf 3 made a requirement: ExtensionProxy raises, and no gwcs object can be
read or written. plugcheck must give no error and no warning to the plugins asdf loads and name
the cause for the one it does not with the shipped contract; `plugcheck init`'s proposal,
unedited, must give no error to a healthy plugin.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _init_checked, _judged, _run

pytestmark = pytest.mark.slow

PINS = [
    "asdf==6.0.0",
    "asdf-astropy==0.11.0",
    "asdf-standard==1.5.0",
    "asdf-coordinates-schemas==0.5.1",
    "asdf-transform-schemas==0.6.0",
    "asdf-wcs-schemas==0.5.0",
    "asdf-pydantic==1.1.0",
    "asdf-zarr==0.0.4",
    "asdf-compression==0.1.0",
    "scipy==1.17.1",  # gwcs imports it (gwcs 1.x requires it; 0.18.3, installed alone, too)
]
# distribution -> the entry-point names it has (asdf-zarr and asdf-compression call theirs
# "asdf", as asdf's own is: asdf loads every entry point whatever its name)
HEALTHY_DISTRIBUTIONS = {
    "asdf": {"asdf"},
    "asdf-astropy": {"asdf-astropy"},
    "asdf_standard": {"asdf_standard"},
    "asdf_coordinates_schemas": {"asdf_coordinates_schemas"},
    "asdf_transform_schemas": {"asdf_transform_schemas"},
    "asdf_wcs_schemas": {"asdf_wcs_schemas"},
    "asdf-pydantic": {"asdf_pydantic_extension"},
    "asdf_zarr": {"asdf"},
    "asdf_compression": {"asdf"},
}
HEALTHY = set().union(*HEALTHY_DISTRIBUTIONS.values())
BROKEN = "gwcs"

_ORACLE = """
import json, warnings
from asdf._entry_points import get_extensions, get_resource_mappings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loaded = [e.package_name for e in get_extensions()]
    loaded += [m.package_name for m in get_resource_mappings()]
failed = {}
for w in caught:
    said = str(w.message)
    if "failed to load" in said:
        failed[said.split("package ")[1].split("==")[0]] = said
print(json.dumps({"loaded": sorted(set(loaded)), "failed": failed}))
"""


@pytest.mark.harness
def test_asdf_plugins(tmp_path: Path) -> None:
    python = _cached_venv("asdf", PINS, ["gwcs==0.18.3"])
    loads = json.loads(_run(python, "-c", _ORACLE).stdout)
    assert set(loads["failed"]) == {BROKEN}, loads
    assert "does not implement a select_tag method" in loads["failed"][BROKEN], loads
    # asdf-compression's get_extensions() returns [] without its optional compressors: nothing
    # to load, and nothing failed.
    assert set(HEALTHY_DISTRIBUTIONS) - {"asdf_compression"} <= set(loads["loaded"]), loads

    data = _check(python, "asdf.toml")
    noise, broken = _judged(data, HEALTHY, BROKEN)
    assert noise == []
    assert [f["code"] for f in broken] == ["PC532"], broken
    assert "does not implement a select_tag method" in broken[0]["message"]

    # `plugcheck init` on asdf, unedited: both groups, the entry function called with no
    # arguments, and each element of what it returns given to the class `_list_entry_points`'
    # caller binds for the group (ExtensionProxy): gwcs is found as with the shipped contract.
    proposal, data = _init_checked(python, "asdf", tmp_path)
    assert 'entry-point-group = "asdf.extensions"' in proposal
    assert 'entry-point-group = "asdf.resource_mappings"' in proposal
    assert 'accepted-by = "asdf.extension._extension:ExtensionProxy"' in proposal, proposal
    assert "accepted-each = true" in proposal, proposal
    errors = [
        (f["plugin"], f["code"])
        for f in data["findings"]
        if f["plugin"] in HEALTHY and f["severity"] == "error"
    ]
    assert errors == []
    broken = [f for f in data["findings"] if f["plugin"] == BROKEN and f["severity"] == "error"]
    assert [f["code"] for f in broken] == ["PC532"], broken
    assert "does not implement a select_tag method" in broken[0]["message"]
