"""What a teacher would mark: one check per finding code, and each essay's scorecard."""
