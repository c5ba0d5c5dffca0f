"""The only place spaCy is imported: the English pipeline and the segmenter built on it."""
