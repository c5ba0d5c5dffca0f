"""Maps to files: the style table, the HTML page and the export formats."""
