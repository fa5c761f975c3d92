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
            message = error.args[0] if isinstance(error, KeyError) and error.args else error
            print(f"error: {message}", file=sys.stderr)
            sys.exit(2)

    return guarded
