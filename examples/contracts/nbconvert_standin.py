"""What nbconvert's command line passes an exporter's ``from_notebook_node(nb, resources=...)``:
a real notebook node (one code cell) and the resources dict NbConvertApp starts from.

Runs in the target interpreter (plugcheck calls these there, in a sandboxed process).
"""

from __future__ import annotations

from typing import Any


def notebook() -> Any:
    import nbformat

    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])


def resources() -> dict[str, Any]:
    return {"config_dir": "", "unique_key": "notebook", "metadata": {"name": "notebook"}}
