"""Text mechanics shared by both document readers: lines and cells
(``lines``), numbers and labels in cells (``numbers``), agency names
(``agencies``)."""
