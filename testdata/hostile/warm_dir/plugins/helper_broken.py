"""A helper module next to the plugins (not itself a plugin): importing it fails."""

raise RuntimeError("helper_broken cannot be imported")
