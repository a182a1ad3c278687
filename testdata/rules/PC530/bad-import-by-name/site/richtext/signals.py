raise ImportError("Importing from `richtext.signals` is deprecated. Use `from richtext import blocks`.")
