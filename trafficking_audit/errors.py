"""The project's error types and exit codes.

Every problem with a user's input is an :class:`InputError` that knows where it
happened (file, line, column), so the CLI can print one ``path:line:col: message``
line and exit 2 instead of a traceback. Exit codes mean one thing each.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


@dataclass(frozen=True)
class Position:
    """A place in a file: 1-based line and column, as editors count them."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"


class InputError(Exception):
    """Bad input from a file or an argument: printed as ``path:line:col: message``, exit 2."""

    def __init__(self, message: str, position: Position | None = None, code: str = "input") -> None:
        # One line, always: messages may quote data (keys, values) that holds newlines.
        message = " ".join(message.split())
        super().__init__(message)
        self.message = message
        self.position = position
        self.code = code

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"{self.position}: {self.message}"


def real_path(path: Path) -> Path:
    """The absolute path with links resolved; unlike ``Path.resolve`` on Python 3.11, never raises
    (a loop of links or a name the system refuses stays as far as it could be resolved)."""
    return Path(os.path.realpath(path))


class InputErrors(InputError):
    """Several problems of one input, each printed on its own ``path:line:col: message`` line (exit 2)."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__(errors[0].message, errors[0].position, errors[0].code)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(InputError.__str__(e) for e in self.errors)


def display_path(path: Path) -> str:
    """A path as users should read it: relative to the working directory when inside it."""
    try:
        return str(real_path(path).relative_to(real_path(Path.cwd())))
    except (ValueError, OSError):  # outside it, or no working directory
        return str(path)
