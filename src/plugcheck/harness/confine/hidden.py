"""What a plugin process may not read although it lies inside a tree it may read: a checkout's
``.git`` (``actions/checkout`` leaves the CI token in ``.git/config``), ``.env`` files, and the
credential files a workspace or a home directory holds. Landlock's rules only allow, so a
readable directory that holds one of them is not granted as a whole: it gets its listing only,
and each of its other entries is granted on its own (a directory leading to one is split in
turn). Only entries directly inside a readable path are looked for (``.git`` of the host's
checkout, ``.env`` beside its ``pyproject.toml``), not in every folder below it."""

from __future__ import annotations

import os

NAMES = frozenset(
    {
        ".git",  # the checkout's config (an extraheader token), credentials, hooks
        ".env",  # dotenv files: API keys, database URLs
        ".envrc",  # direnv: exported secrets
        ".netrc",
        ".pypirc",
        ".npmrc",
        ".git-credentials",
        ".aws",
        ".ssh",
        ".docker",
        ".kube",
        ".gnupg",
    }
)
"""Entry names never readable by a plugin process (besides ``.env.*``)."""
SPLIT_LIMIT = 4096
"""Entries of one directory granted one by one at most; a larger one is granted as a whole."""


def hidden(name: str) -> bool:
    return name in NAMES or name.startswith(".env.")


def found(paths: list[str]) -> set[str]:
    """The hidden entries directly inside each directory of ``paths`` (real paths)."""
    secrets: set[str] = set()
    for path in paths:
        try:
            with os.scandir(path) as entries:
                names = [e.name for e in entries if e.name.startswith(".") and hidden(e.name)]
        except (OSError, ValueError):
            continue
        secrets.update(os.path.realpath(os.path.join(path, n)) for n in names)
    return secrets


def grants(path: str, secrets: set[str], depth: int = 0) -> list[tuple[str, bool]]:
    """What to grant for the readable ``path``: ``(path, True)`` for a whole tree, ``(path,
    False)`` for a directory's listing only; none of ``secrets`` lies in a whole tree."""
    real = os.path.realpath(path)
    if _inside(real, secrets):
        return []
    below = [s for s in secrets if s.startswith(real.rstrip(os.sep) + os.sep)]
    if not below or depth > 32:
        return [(path, True)]
    try:
        names = os.listdir(real)
    except OSError:
        return [(path, True)]
    if len(names) > SPLIT_LIMIT:
        return [(path, True)]
    result = [(path, False)]
    for name in names:
        entry = os.path.join(real, name)  # compared as real paths, granted as named
        if entry in below or _inside(os.path.realpath(entry), secrets):
            continue  # a hidden entry, or a link to one
        if any(s.startswith(entry + os.sep) for s in below) and not os.path.islink(entry):
            result += grants(os.path.join(path, name), secrets, depth + 1)
        else:
            result.append((os.path.join(path, name), True))
    return result


def _inside(real: str, secrets: set[str]) -> bool:
    """Whether ``real`` is one of ``secrets`` or lies below one."""
    return real in secrets or any(real.startswith(s + os.sep) for s in secrets)
