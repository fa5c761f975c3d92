"""One clear line instead of a traceback for the mistakes a user can make."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Bad paths, unreadable files and bad config values surface as these; anything else is a bug
# and keeps its traceback.
USER_ERRORS = (ValueError, OSError, KeyError)


def user_message(error: BaseException) -> str:
    """The error as one line a user can act on; an OS error names its file and what the system said."""
    if isinstance(error, KeyError) and error.args:
        return str(error.args[0])
    if isinstance(error, OSError) and error.filename is not None and error.strerror:
        return f"{error.filename}: {error.strerror.lower()}"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def exit_on_user_error(main: Callable[..., T]) -> Callable[..., T]:
    """Print ``error: <message>`` and exit with status 2 when the user's input is at fault.

    Set WALDO_DEBUG=1 to see the traceback anyway.
    """

    @functools.wraps(main)
    def guarded(*args, **kwargs):
        try:
            return main(*args, **kwargs)
        except USER_ERRORS as error:
            if os.environ.get("WALDO_DEBUG"):
                raise
            print(f"error: {user_message(error)}", file=sys.stderr)
            sys.exit(2)

    return guarded
