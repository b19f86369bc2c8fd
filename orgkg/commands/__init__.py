"""Subcommands of the `orgkg` command line (see orgkg/cli.py)."""
