"""`python -m workshop ...`: the operator's commands (see workshop/cli.py)."""

from .cli import main

main()
