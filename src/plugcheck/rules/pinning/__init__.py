"""API version pinning: the plugin's requirement on the shared API distribution (PC30x).

Requirements come from a directory plugin's ``[project].dependencies`` or an installed plugin's
``Requires-Dist`` (markers evaluated for the target interpreter, extras not requested). The host's
API version is ``--api-version`` (one or several), else the version installed in the target
interpreter, else the version in the API project's own pyproject.toml.

Rooms: ``requirements`` (what the plugin declares), ``versions`` (what the host provides and
what a range admits), ``dependencies`` (PC301-PC306), ``constant`` (PC307), ``native`` (PC308),
``matrix`` (``--api-version a,b``).
"""

from __future__ import annotations

from plugcheck.rules.pinning import constant as constant
from plugcheck.rules.pinning import dependencies as dependencies
from plugcheck.rules.pinning import matrix as matrix
from plugcheck.rules.pinning import native as native
from plugcheck.rules.pinning.constant import FIELDS
from plugcheck.rules.pinning.requirements import applies

__all__ = ["FIELDS", "applies", "constant", "dependencies", "matrix", "native"]
