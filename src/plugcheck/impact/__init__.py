"""What a new host or API version does to an ecosystem of plugins: ``plugcheck impact``
(before vs after, with the API change behind each newly broken plugin) and ``plugcheck matrix``
(plugins x versions). Each side or column is a real environment and a full check."""
