"""demo_render is a property object, whose getter takes `self`: the prefix does not make it a
hookimpl, pluggy's register() passes over what is no routine."""

demo_render = property(lambda self: "page")
