"""Names the host's __getattr__ gives, and its submodules."""

import quill.shell
from quill import embed
from quill.shell import embed as shell_embed


def make():
    return embed, shell_embed, quill.shell
