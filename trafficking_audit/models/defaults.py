"""Empty lists and dicts as the default factories of model fields, written as Python functions.

When pydantic builds a model it asks every ``default_factory`` for its signature (to learn whether it
takes the validated data). For the builtins ``list`` and ``dict`` Python makes that signature by parsing
their text signature, about 0.3 ms each time, and the models name them in some sixty fields (the
``sources`` of each parametrised ``Fact`` among them): about 20 ms of every command that validates a
profile. A Python function's signature is read from its code, twenty times faster. The defaults are the
same (a new empty container for each instance), and JSON Schemas show no default for either.
"""

from __future__ import annotations

from typing import Any


def empty_list() -> list[Any]:
    """A new empty list (the default of a list field)."""
    return []


def empty_dict() -> dict[Any, Any]:
    """A new empty dict (the default of a mapping field)."""
    return {}
