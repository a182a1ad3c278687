"""What the installer that builds an impact/matrix environment may see and do: an environment
scrubbed to what an install needs, and no source builds unless asked for.

A wheel installs without running any of its code; an sdist (or a source tree found by the
resolver) runs its build backend, ``setup.py`` included, as plugcheck's user. So the installer
refuses to build anything but the side's own project (a directory or git ref, the user's own
code) unless ``--allow-builds`` is given, and it never sees plugcheck's secrets either way.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from plugcheck.target_env import BASE

_KEPT = frozenset(
    {
        *BASE,
        "LANGUAGE",
        "TMPDIR",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "REQUESTS_CA_BUNDLE",
        "CURL_CA_BUNDLE",
        "SOURCE_DATE_EPOCH",
    }
)
"""Variables an install needs as they are (besides proxies and the installers' own)."""

_PROXY = re.compile(r"(?i)^(http|https|ftp|all|no)_proxy$")
_INSTALLER_SETTING = re.compile(r"^(PIP|UV)_[A-Z0-9_]+$")
_SECRET = re.compile(r"(?i)TOKEN|SECRET|PASSW|CREDENTIAL|AUTH|_KEY|KEYRING|NETRC|COOKIE")


def environment(home: Path, source: dict[str, str] | None = None) -> dict[str, str]:
    """The installer's environment: ``PATH``, locale, CA certificates, proxies and the
    installers' index settings (``PIP_*``, ``UV_*``) of ``source`` (plugcheck's own), with
    ``HOME`` at ``home`` (an empty directory) and nothing named like a credential (``*TOKEN*``,
    ``*SECRET*``, ``*PASSWORD*``, ``GIT_*``, cloud keys...). An index URL with a user and
    password in it is kept: it is the index setting the install needs. The user's installer
    caches and configuration stay where they were (``XDG_CACHE_HOME``, ``XDG_CONFIG_HOME``
    point at the real ones), so a changed ``HOME`` costs no download."""
    source = dict(os.environ if source is None else source)
    real_home = source.get("HOME") or str(Path.home())
    kept = {
        name: value
        for name, value in source.items()
        if (name in _KEPT or _PROXY.match(name) or _INSTALLER_SETTING.match(name))
        and not _SECRET.search(name)
    }
    kept["HOME"] = str(home)
    kept["XDG_CACHE_HOME"] = source.get("XDG_CACHE_HOME") or str(Path(real_home, ".cache"))
    kept["XDG_CONFIG_HOME"] = source.get("XDG_CONFIG_HOME") or str(Path(real_home, ".config"))
    kept.setdefault("PATH", os.defpath)
    return kept


def caches(env: dict[str, str]) -> list[Path]:
    """The installers' cache directories under ``env`` (the ones an install writes)."""
    root = Path(env["XDG_CACHE_HOME"])
    return [
        Path(env.get("UV_CACHE_DIR") or root / "uv"),
        Path(env.get("PIP_CACHE_DIR") or root / "pip"),
    ]


def confined(command: Sequence[str], writable: Sequence[Path]) -> list[str]:
    """``command`` under the harness's launcher: Landlock lets it write only below
    ``writable`` (the environment, the temporary home, the caches), no TCP, no unix sockets,
    the seccomp filter; it reads everywhere. ``command`` itself where the kernel has no
    Landlock (the report of an opted-in build says nothing more then)."""
    from plugcheck.harness.confine import Plan
    from plugcheck.sandbox import CONFINE

    if not Plan().landlock:
        return list(command)
    for directory in writable:
        directory.mkdir(parents=True, exist_ok=True)
    places = os.pathsep.join(str(d) for d in writable)
    return [sys.executable, "-I", "-S", str(CONFINE), "", places, "0", "*", "-", "--", *command]


def no_builds(uv: bool) -> list[str]:
    """The installer's options that refuse to build a distribution from source: wheels only.
    pip still builds a local directory given on its command line (the side's own project);
    uv refuses that too, so the side's own project is installed without them
    (:func:`plugcheck.impact.sides._populate`)."""
    return ["--no-build"] if uv else ["--only-binary", ":all:"]


_NAME = r"([A-Za-z0-9._-]+)"
_NEEDS_BUILD = tuple(
    re.compile(pattern)
    for pattern in (
        # uv 0.13: "hint: Wheels are required for `evilplug` because building from source is
        # disabled", after "Because evilplug==1.0 has no usable wheels and ..."
        rf"Wheels are required for `{_NAME}`",
        rf"Because {_NAME}\S* has no usable wheels",
        # uv: "Distribution `evil==1.0 @ ...` can't be installed because it is marked as
        # `--no-build` but has no binary distribution"
        rf"[Dd]istribution `{_NAME}",
        # pip: "No matching distribution found for evilplug==1.0" (only an sdist was there)
        rf"No matching distribution found for {_NAME}",
    )
)


def refused_build(output: str) -> str | None:
    """The distribution an installer refused because it has no wheel, from its output."""
    for pattern in _NEEDS_BUILD:
        found = pattern.search(output)
        if found:
            return found.group(1)
    return None
