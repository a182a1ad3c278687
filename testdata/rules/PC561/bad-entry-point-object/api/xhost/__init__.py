"""A host that calls each extractor as func(fileobj, keywords, comment_tags, options=options)
and iterates the (lineno, funcname, messages, comments) tuples it yields."""
