"""``python -m trafficking_audit`` runs the ``audit`` command."""

from trafficking_audit.cli.launch import main

main()
