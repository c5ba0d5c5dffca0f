"""The command line and what only it needs: batch runs, reports, the class summary."""
