"""An isort-like host: a profile is a dict of settings it copies into its configuration."""

KNOWN = {"line_length", "multi_line_output"}


def settings(profile: dict[str, object]) -> dict[str, object]:
    unknown = sorted(set(profile) - KNOWN)
    if unknown:
        raise ValueError(f"unsupported settings: {unknown}")
    return dict(profile)
