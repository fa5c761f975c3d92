"""Refuse an oversized request body while it arrives, not after it has been spooled to disk.

The multipart parser stores a whole upload before the endpoint sees it; this ASGI layer
answers 413 from the ``Content-Length`` header alone, and counts the bytes of a request that
does not send one, stopping it once it passes the limit.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class _TooLarge(Exception):
    pass


class BodySizeLimit:
    """ASGI middleware: requests with bodies over ``max_bytes`` get 413 and ``message``."""

    def __init__(self, app: Callable, max_bytes: int, message: str):
        self.app, self.max_bytes, self.message = app, int(max_bytes), message

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": self.message}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        received, too_large = 0, False

        async def counting_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _TooLarge
            return message

        async def quiet_send(message: Message) -> None:
            if not too_large:  # whatever the app says about a body it could not finish reading is replaced
                await send(message)

        try:
            await self.app(scope, counting_receive, quiet_send)
        except Exception:
            if not too_large:
                raise
        if too_large:
            await self._refuse(send)
