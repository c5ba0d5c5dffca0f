"""Text before any NLP: cleaning, paragraph structure, the cue lexicon, word helpers."""
