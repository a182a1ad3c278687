"""Syntax-tree nodes; the walker calls visit_<class name, lowercased> on each."""


class NodeNG:
    pass


class Module(NodeNG):
    pass


class FunctionDef(NodeNG):
    pass


class ClassDef(NodeNG):
    pass


class Try(NodeNG):
    """Was TryExcept and TryFinally."""


ALL_NODE_CLASSES = (Module, FunctionDef, ClassDef, Try)
