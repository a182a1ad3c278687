"""What OpenStackClient passes a plugin module's build_option_parser: its argparse parser with
the global options osc-lib's shell defines (--os-cloud, --os-region-name, ...), before any
plugin adds its own; a plugin that adds one of them again crashes the CLI (argparse's
conflicting option string)."""

from __future__ import annotations

from typing import Any


def parser() -> Any:
    from cliff.commandmanager import CommandManager
    from osc_lib.shell import OpenStackShell

    # A command manager of no group: reading the host's own command groups would import every
    # installed plugin here, and one broken plugin would fail this stand-in for all.
    shell = OpenStackShell(
        description="OpenStack", version="0", command_manager=CommandManager("plugcheck.none")
    )
    return shell.build_option_parser("OpenStack", "0")
