"""A linter whose checkers' visit_<node>/leave_<node> methods are called by name."""
