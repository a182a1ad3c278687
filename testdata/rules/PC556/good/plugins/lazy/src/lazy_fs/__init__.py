"""Does not import its submodule: the host imports lazy_fs.core itself (ep.load() would not)."""
