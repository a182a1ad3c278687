"""Says its import added 'md' and 'nobody' to the registry, and adds neither."""  # expect: PC429
import sys

# Its own process's report is its own to rewrite: it can claim keys, never another plugin's.
census = sys.modules.get("_plugcheck_worker.registry_census")
if census is not None:
    census.added = lambda taken: {"chost.registry:RENDERERS": {"md": "", "nobody": ""}}
