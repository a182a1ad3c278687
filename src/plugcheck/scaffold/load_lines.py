"""The keys of a group's contract that say how the host loads its entry points: as one dotted
path, by name only, keyed by name, or through pkg_resources, each with its evidence."""

from __future__ import annotations

from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.pyproject import toml_string


def load_lines(found: Survey, group: str) -> list[str]:
    """``entry-point-load`` for a group the host loads as one dotted path (PC556),
    ``entry-point-names`` for one it asks for by name only, and ``entry-point-require`` for one
    it loads through pkg_resources (PC310)."""
    lines = []
    where = found.dotted_paths.get(group)
    if where is not None:
        lines.append(
            f'entry-point-load = "dotted-path"  # the host imports the value with ":" made ".": '
            f"{where}"
        )
    names = found.asked_names.get(group, {})
    if names and None not in names:
        listed = ", ".join(toml_string(n) for n in sorted(n for n in names if n))
        lines.append(
            f"entry-point-names = [{listed}]  # the host asks for these names only: "
            + ", ".join(names[n] for n in sorted(n for n in names if n))
        )
    required = found.distribution_names.get(group)
    if required is not None:
        template, at = required
        lines.append(
            f"distribution-name = {toml_string(template)}  # the host refuses a plugin whose "
            f"distribution is not named so: {at}"
        )
    keyed = found.keyed.get(group)
    if keyed is not None:
        lines.append(
            f"keyed-by-name = true  # the host keeps one object per entry-point name: {keyed}"
        )
    asked = found.required_groups.get(group)
    if asked is not None:
        lines.append(
            f"entry-point-require = true  # pkg_resources' ep.load() refuses unmet requirements: "
            f"{asked}"
        )
    return lines
