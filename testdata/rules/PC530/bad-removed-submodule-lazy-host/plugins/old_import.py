"""`import host.oldsub`: the package's __getattr__ does not make submodules."""

import quill.config  # expect: PC530


def make():
    return quill.config
