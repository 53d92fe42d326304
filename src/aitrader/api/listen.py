"""The API's listening socket, bound before anything starts: a busy port or a host that is not
this machine's is refused in one line, before a run or a journal is touched. Stdlib only (`trade
--serve` binds before it reconciles the journal); uvicorn serves on the socket later.
"""

from __future__ import annotations

import socket


class ListenError(OSError):
    """The API cannot listen where asked; the message says where and why."""


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on `host`:`port` (0: a free port)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise ListenError(f"--host {host}: not an address of this machine (try 127.0.0.1)") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ListenError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc} (choose another --port, or 0 for a free one)"
        ) from None
    sock.setblocking(False)
    return sock


def url_of(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"
