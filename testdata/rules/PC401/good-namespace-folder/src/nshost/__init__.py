"""A host whose plugins live in its namespace folder nshost/plugins/."""
