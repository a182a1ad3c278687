"""Which distribution folder is the host's (``harness/host_distribution.py``), on real folders:
the one of the host's name on the path, read as ``importlib.metadata`` reads them, whose
``RECORD`` lists the host's files beside it. Each case is a plugin's install that made a
second distribution of the host's name, or a claim to the host's files, pass unseen (red team
red51); the fork server then trusted what it declares as the host's own."""

from __future__ import annotations

import email
import random
import re
import zipfile
from pathlib import Path

from plugcheck.harness.host_distribution import name_header, on_path, owns_host


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _site(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


HOST = {
    "site/mdhost/__init__.py": "",
    "site/mdhost-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: mdhost\nVersion: 1.0\n",
    "site/mdhost-1.0.dist-info/RECORD": "mdhost/__init__.py,,\n",
}


def _owned(root: Path, path: list[str]) -> bool:
    entries = [str(root / p) for p in path]
    return owns_host("mdhost", [root / "site/mdhost/__init__.py"], on_path(entries, _normal))


def test_the_one_distribution_of_the_hosts_name_that_records_its_files_is_the_hosts(
    tmp_path: Path,
) -> None:
    _site(tmp_path, HOST)
    assert _owned(tmp_path, ["site"])


def test_a_second_distribution_of_the_hosts_name_trusts_neither(tmp_path: Path) -> None:
    """Its RECORD lists the host's file, out of its own folder; its name is spelled as
    importlib.metadata reads it and the old reading did not (a header in lower case, a
    folder's suffix in upper case)."""
    _site(tmp_path, HOST)
    spoofs = {
        "lower": "MDHost-2.0.dist-info/METADATA",
        "upper": "MDHost-2.0.DIST-INFO/METADATA",
    }
    for where, metadata in spoofs.items():
        _site(
            tmp_path,
            {
                f"{where}/{metadata}": "Metadata-Version: 2.1\nname: mdhost\nVersion: 2.0\n",
                f"{where}/{metadata.replace('METADATA', 'RECORD')}": (
                    "../site/mdhost/__init__.py,,\n"
                ),
            },
        )
        assert not _owned(tmp_path, [where, "site"]), where


def test_a_distribution_whose_record_reaches_out_of_its_folder_owns_nothing(
    tmp_path: Path,
) -> None:
    """The host is not installed (its source tree on the path); a plugin's install adds the
    only distribution of the host's name, whose RECORD names the host's file by `..`."""
    _site(tmp_path, {"site/mdhost/__init__.py": ""})
    _site(
        tmp_path,
        {
            "plugins/mdhost-9.dist-info/METADATA": "Name: mdhost\n",
            "plugins/mdhost-9.dist-info/RECORD": "../site/mdhost/__init__.py,,\n",
        },
    )
    assert not _owned(tmp_path, ["plugins", "site"])


def test_a_zip_archive_on_the_path_leaves_the_host_untrusted(tmp_path: Path) -> None:
    """importlib.metadata reads the distributions in a zip archive on the path; plugcheck does
    not read them, so one there may claim the host's name."""
    _site(tmp_path, HOST)
    with zipfile.ZipFile(tmp_path / "extra.zip", "w") as archive:
        archive.writestr("mdhost-9.dist-info/METADATA", "Name: mdhost\n")
    assert not _owned(tmp_path, ["extra.zip", "site"])
    assert _owned(tmp_path, ["missing.zip", "site"])  # one that is not there holds nothing


LINES = [
    *("Name: a", "name:b", "NAME :c", "Name:", "Name: d\r", "Name:\t f g ", "Näme: e"),
    *(" more", "\tmore", "From x", "From: y", ":z", "x", "", "Version: 1"),
]
ENDS = ["\n", "\r\n", "\r", ""]


def test_the_name_header_is_the_one_importlib_metadata_reads() -> None:
    """2,000 headers of up to six lines, drawn from a fixed seed (the same every run)."""
    draw = random.Random(51)
    for _ in range(2000):
        count = draw.randint(0, 6)
        text = "".join(draw.choice(LINES) + draw.choice(ENDS) for _ in range(count))
        assert name_header(text) == email.message_from_string(text)["Name"], repr(text)


def test_a_distribution_another_one_installed_owns_nothing(tmp_path: Path) -> None:
    """The host's package lies in site-packages without metadata of its own (copied there);
    a plugin's wheel shipped the only `mdhost` dist-info, whose RECORD lists the host's file
    beside it. pip lists every file a wheel installs in the wheel's own RECORD: that of the
    plugin's distribution names the spoof's folder."""
    _site(
        tmp_path,
        {
            "site/mdhost/__init__.py": "",
            "site/mdhost-9.dist-info/METADATA": "Name: mdhost\n",
            "site/mdhost-9.dist-info/RECORD": "mdhost/__init__.py,,\n",
            "site/md_evil-1.0.dist-info/METADATA": "Name: md-evil\n",
            "site/md_evil-1.0.dist-info/RECORD": (
                "md_evil/__init__.py,,\nmdhost-9.dist-info/METADATA,,\nmdhost-9.dist-info/RECORD,,\n"
            ),
        },
    )
    assert not _owned(tmp_path, ["site"])
    (tmp_path / "site/md_evil-1.0.dist-info/RECORD").write_text("md_evil/__init__.py,,\n")
    assert _owned(tmp_path, ["site"])  # unless nothing says so
