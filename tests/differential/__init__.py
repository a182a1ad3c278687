"""Differential test of plugcheck's verdicts against the hosts' real loaders (issue 12).

``generate`` writes seeded plugin variants (pluggy hookimpl modules, factory + Protocol plugins)
into hosts; ``oracle`` runs the real loader on each (pluggy's ``PluginManager``; a factory host's
import -> new() -> isinstance -> init -> run -> shutdown) in a subprocess; ``compare`` runs
plugcheck on the same hosts and scores its verdicts against the oracle's.
"""
