"""Scoring argmap against gold annotations."""
