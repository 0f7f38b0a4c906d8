"""Reading data files: YAML with positions, validation with ``file:line:col`` errors, where the
data lives, the loader of profiles and the rulebook, and the cache of validated profiles.

Imports only :mod:`trafficking_audit.models` (and ``errors``). Kept free of imports so that
start-up stays lazy.
"""
