"""The command-line interface: thin typer commands over the load/evaluate/render layers.

Each command lives in its own module and only parses arguments, calls the layers
below and writes output. :func:`guarded` turns the project's errors into one-line
messages and exit codes: 2 for bad input or usage, 3 for internal errors (with the
traceback only under ``--debug``).
"""
