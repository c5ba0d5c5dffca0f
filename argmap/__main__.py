"""`python3 -m argmap` runs the command line."""

from argmap.app.cli import app

if __name__ == "__main__":
    app(prog_name="argmap")
