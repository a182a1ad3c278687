"""A music server that loads extensions from the `mhost.ext` entry points."""
