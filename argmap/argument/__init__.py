"""The argument itself: roles of units, links between components, causes."""
