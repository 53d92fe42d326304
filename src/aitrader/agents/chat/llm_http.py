"""One POST to an OpenAI-compatible endpoint that cannot outlive the question's deadline.

Why not the openai SDK: its timeout is per read, so a server that trickles a byte a second keeps a
question waiting for ever, and it builds replies leniently from whatever JSON arrives. Here
connect and the TLS handshake wait at most what is left of the deadline, every read of the status
line, headers and body too, and a watchdog shuts the socket at the deadline as a backstop. The reply is capped in
size, never decompressed and never followed to another URL; the caller parses it strictly
(`llm_reply`). Proxies from the environment are not used: the endpoint is called directly."""

from __future__ import annotations

import contextlib
import http.client
import io
import socket
import ssl
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from aitrader.agents.chat.llm_deadline import Deadline

MAX_REPLY_BYTES = 1 << 20  # a chat completion is a few KiB; anything near this is misbehaviour
_READ_CHUNK = 64 * 1024


class HttpError(Exception):
    """The request failed; the message is a short, safe reason (never a URL, a header or a body)."""


class DeadlineExceededError(HttpError):
    """The deadline passed before the whole reply arrived."""


@dataclass(frozen=True)
class HttpReply:
    status: int
    content_type: str
    content_encoding: str
    body: bytes


@dataclass(frozen=True)
class Endpoint:
    """Where chat completions are posted: scheme, host, port and the request target."""

    scheme: str
    host: str
    port: int
    target: str

    @classmethod
    def parse(cls, base_url: str) -> Endpoint:
        """The `/chat/completions` endpoint under an OpenAI-style base URL (".../v1")."""
        try:
            parts = urlsplit(base_url.strip())
            port = parts.port
        except ValueError:
            raise HttpError("the LLM base URL is not a valid URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise HttpError("the LLM base URL must be http:// or https:// with a host")
        if parts.username or parts.password:
            raise HttpError("credentials in the LLM base URL are not supported; use AITRADER_LLM_API_KEY")
        target = parts.path.rstrip("/") + "/chat/completions" + (f"?{parts.query}" if parts.query else "")
        if any(ord(ch) <= 0x20 or ord(ch) >= 0x7F for ch in target):
            raise HttpError(
                "the LLM base URL holds spaces, control or non-ASCII characters; percent-encode them"
            )
        return cls(parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), target)

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


class _DeadlineReader(io.RawIOBase):
    """The socket's bytes, each read waiting at most what is left of the deadline."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        left = self._deadline.remaining()
        if left <= 0:
            raise DeadlineExceededError("deadline passed while reading the reply")
        self._sock.settimeout(left)
        try:
            return self._sock.recv_into(buffer)
        except TimeoutError:
            raise DeadlineExceededError("deadline passed while reading the reply") from None


class _ResponseSocket:
    """What `http.client.HTTPResponse` needs of a socket: a file of deadline-bounded reads."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self._sock = sock
        self._deadline = deadline

    def makefile(self, mode: str = "rb", *_args: object, **_kwargs: object) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))


def _request_bytes(endpoint: Endpoint, body: bytes, headers: Mapping[str, str]) -> bytes:
    lines = [
        f"POST {endpoint.target} HTTP/1.1",
        f"Host: {endpoint.host_header}",
        "Content-Type: application/json",
        "Accept: application/json",
        "Accept-Encoding: identity",
        "Connection: close",
        "User-Agent: aitrader-chat",
        f"Content-Length: {len(body)}",
    ]
    for name, value in headers.items():
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name + value):
            raise HttpError(f"the {name} header holds control characters")  # never the value
        lines.append(f"{name}: {value}")
    head = "\r\n".join(lines) + "\r\n\r\n"
    try:
        return head.encode("latin-1") + body
    except UnicodeEncodeError:
        raise HttpError("a request header is not plain ASCII") from None


class _Watchdog:
    """A backstop: shuts the connection down at the deadline, waking a read blocked anywhere. Each
    phase is already bounded on its own (connect and the TLS handshake by the socket timeout set to
    what is left, every read by `_DeadlineReader`); this covers whatever a library version might
    loop on. It holds its own duplicate of the socket, closed under a lock when the request ends, so
    it can never shut a descriptor the process has since reused for something else."""

    def __init__(self, seconds: float) -> None:
        self._lock = threading.Lock()
        self._guard: socket.socket | None = None
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._guard = sock.dup()

    def _fire(self) -> None:
        with self._lock:
            if self._guard is not None:
                with contextlib.suppress(OSError):
                    self._guard.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self._timer.cancel()
        with self._lock:
            if self._guard is not None:
                self._guard.close()
                self._guard = None


def _connect(endpoint: Endpoint, deadline: Deadline, watchdog: _Watchdog) -> socket.socket:
    raw = socket.create_connection((endpoint.host, endpoint.port), timeout=max(deadline.remaining(), 0.001))
    watchdog.watch(raw)
    if endpoint.scheme != "https":
        return raw
    try:
        raw.settimeout(max(deadline.remaining(), 0.001))
        return ssl.create_default_context().wrap_socket(raw, server_hostname=endpoint.host)
    except BaseException:
        raw.close()
        raise


def post_json(
    endpoint: Endpoint,
    body: bytes,
    headers: Mapping[str, str],
    deadline: Deadline,
    max_bytes: int = MAX_REPLY_BYTES,
) -> HttpReply:
    """POST `body` and return the whole reply, or raise HttpError / DeadlineExceededError by then."""
    request = _request_bytes(endpoint, body, headers)
    if deadline.expired():
        raise DeadlineExceededError("deadline passed before the request")
    watchdog = _Watchdog(deadline.remaining())
    sock: socket.socket | None = None
    try:
        sock = _connect(endpoint, deadline, watchdog)
        if deadline.expired():
            raise DeadlineExceededError("deadline passed while connecting")
        sock.settimeout(max(deadline.remaining(), 0.001))
        sock.sendall(request)
        response = http.client.HTTPResponse(_ResponseSocket(sock, deadline), method="POST")  # type: ignore[arg-type]
        response.begin()
        declared_text = (response.getheader("Content-Length") or "").strip()
        declared = int(declared_text) if declared_text.isdigit() and len(declared_text) < 16 else None
        if declared is not None and declared > max_bytes:
            raise HttpError(f"reply larger than {max_bytes} bytes")
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(_READ_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise HttpError(f"reply larger than {max_bytes} bytes")
            chunks.append(chunk)
        if declared is not None and size < declared and not response.chunked:
            raise HttpError("the reply was cut short")
        return HttpReply(
            status=response.status,
            content_type=response.getheader("Content-Type") or "",
            content_encoding=(response.getheader("Content-Encoding") or "").strip().lower(),
            body=b"".join(chunks),
        )
    except HttpError:
        if deadline.expired():
            raise DeadlineExceededError("deadline passed") from None
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if deadline.expired():
            raise DeadlineExceededError("deadline passed") from None
        raise HttpError(_describe(exc)) from None
    finally:
        watchdog.stop()
        if sock is not None:
            sock.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "host name not found"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error ({type(exc).__name__})"
    if isinstance(exc, http.client.HTTPException | ValueError):
        return f"broken HTTP reply ({type(exc).__name__})"
    if isinstance(exc, ConnectionError):
        return f"connection lost ({type(exc).__name__})"
    return f"connection failed ({type(exc).__name__})"
