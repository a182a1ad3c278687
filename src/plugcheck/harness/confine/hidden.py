"""What a plugin process may not read although it lies inside a tree it may read: a checkout's
``.git`` (``actions/checkout`` leaves the CI token in ``.git/config``), ``.env`` files, and the
credential files a workspace or a home directory holds, and the machine's TLS private keys
(:data:`PRIVATE_KEYS`). Landlock's rules only allow, so a
readable directory that holds one of them is not granted as a whole: it gets its listing only,
and each of its other entries is granted on its own (a directory leading to one is split in
turn). They are looked for directly inside every readable path, and below it (``plugins/x/.env``,
a nested checkout's ``.git``) by a bounded walk: at most :data:`WALK_DIRS` folders of each
readable tree, :data:`WALK_DEPTH` deep, breadth first, past the system's trees (:data:`SHALLOW`),
installed packages and caches (:data:`SKIPPED`)."""

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


PRIVATE_KEYS = ("/etc/ssl/private", "/etc/pki/tls/private", "/etc/pki/CA/private")
"""The machine's TLS private keys, inside the /etc folders TLS reads for its certificates (red
team red60): root owns them, so a plugin process running as root, with no capability, read
them."""


def hidden(name: str) -> bool:
    return name in NAMES or name.startswith(".env.")


WALK_DIRS = 500
"""Folders walked below one readable path (its own listing included); deeper ones are not
looked in (docs/harness.md says so)."""
WALK_DEPTH = 12
"""Levels below a readable path the walk goes down."""
SHALLOW: tuple[str, ...] = ("/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin")
SHALLOW += ("/nix", "/gnu", "/proc", "/sys", "/dev", "/etc", "/snap")
"""Trees of the system's files: only their top is looked in (no checkout lives there)."""
SKIPPED = frozenset(
    {
        "site-packages",  # installed distributions: the environment's, not a checkout's
        "dist-packages",
        "__pycache__",
        "node_modules",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".plugcheck_cache",
    }
)
"""Folder names the walk does not go into."""


def found(paths: list[str]) -> set[str]:
    """The hidden entries inside each directory of ``paths`` (real paths): directly inside
    every one, below those outside :data:`SHALLOW` by a bounded walk, and the
    :data:`PRIVATE_KEYS` folders that lie in one."""
    secrets: set[str] = set()
    walked: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        secrets |= {
            key
            for key in map(os.path.realpath, PRIVATE_KEYS)
            if _under(key, (real,)) and os.path.lexists(key)
        }
        deep = not _under(real, SHALLOW) and os.path.basename(real) not in SKIPPED
        todo = [(real, 0)]
        budget = WALK_DIRS if deep else 1
        while todo and budget > 0:
            folder, depth = todo.pop(0)
            if folder in walked:
                continue
            walked.add(folder)
            budget -= 1
            try:
                with os.scandir(folder) as entries:
                    listed = [(e.name, _is_folder(e)) for e in entries]
            except (OSError, ValueError):
                continue
            for name, is_folder in listed:
                if hidden(name):
                    secrets.add(os.path.realpath(os.path.join(folder, name)))
                elif is_folder and deep and depth < WALK_DEPTH and name not in SKIPPED:
                    todo.append((os.path.join(folder, name), depth + 1))
    return secrets


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder, not a link to one (a link is granted as what it names)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _under(real: str, tops: tuple[str, ...]) -> bool:
    return any(real == top or real.startswith(top + os.sep) for top in tops)


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
    # Landlock's rule on a folder holds for all below it: a key folder's parent gets no
    # listing, which would have listed the keys' names too.
    keys = {os.path.realpath(key) for key in PRIVATE_KEYS}
    listed = not any(os.path.dirname(s) == real for s in below if s in keys)
    result = [(path, False)] if listed else []
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
