raise ImportError("Importing from `pubhost.signals` is deprecated: use `from pubhost import signals`")
