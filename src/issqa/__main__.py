"""``python -m issqa`` runs the CLI."""

from .cli import main

main()
