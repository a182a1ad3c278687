"""Installed where the host runs, but its native library is not: importing it fails."""

raise ImportError("libweather.so.1: cannot open shared object file: No such file or directory")
