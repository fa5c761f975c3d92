"""Only the page itself may use the API: other web sites and other host names are refused.

The server listens on this computer, but any web page the user visits could still post a
picture to ``http://127.0.0.1:8000/api/annotations`` (a form post needs no permission), filling
the annotations folder with pictures the next ``experiment=adapt`` would learn from; and a name
that resolves to 127.0.0.1 (DNS rebinding) could read the answers. So a request must name one of
the server's own hosts, and a post must come from the server's own page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
ANY_HOST = "*"


def host_name(host_header: str) -> str:
    """``127.0.0.1:8000`` -> ``127.0.0.1``; ``[::1]:8000`` -> ``::1``."""
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


class SameSiteOnly:
    """ASGI middleware: 421 for a foreign ``Host``, 403 for a post from another site."""

    def __init__(self, app: ASGIApp, allowed_hosts: tuple[str, ...] = LOCAL_HOSTS):
        self.app, self.allowed_hosts = app, allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        refusal = None
        if ANY_HOST not in self.allowed_hosts and host_name(host) not in self.allowed_hosts:
            refusal = 421, f"this server answers only to {', '.join(self.allowed_hosts)}, not {host_name(host) or 'no host'}"
        elif scope["method"] == "POST":
            origin = headers.get("origin")
            if headers.get("sec-fetch-site") == "cross-site" or (origin and origin != "null" and urlsplit(origin).netloc != host):
                refusal = 403, "a request from another web site was refused: only waldo's own page may post pictures"
        if refusal is None:
            await self.app(scope, receive, send)
            return
        await JSONResponse({"detail": refusal[1]}, status_code=refusal[0])(scope, receive, send)
