"""A small HTTP server for tests: answers recorded responses (tests/fixtures/servers/<kind>.json, keyed
"METHOD /path") or misbehaves on purpose (slow, wrong status, not JSON, connection dropped mid-answer).

Use it as a context manager; it runs on a thread that is stopped and joined on exit."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

RECORDINGS = Path(__file__).parent / "fixtures" / "servers"

# A route's answer: (status, body) where body is JSON-able, or bytes sent as they are; or a callable taking the
# handler and doing anything (sleeping, dropping the connection).
Answer = tuple[int, Any] | Callable[[BaseHTTPRequestHandler], None]


def recorded(kind: str) -> dict[str, Answer]:
    data = json.loads((RECORDINGS / f"{kind}.json").read_text("utf-8"))
    return {route: (200, body) for route, body in data.items()}


class StubServer:
    def __init__(self, routes: dict[str, Answer]) -> None:
        self.routes = routes
        self.requests: list[tuple[str, str, Any, dict[str, str]]] = []  # method, path, JSON body, headers
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else None
                except json.JSONDecodeError:
                    body = raw
                stub.requests.append((method, self.path, body, dict(self.headers)))
                answer = stub.routes.get(f"{method} {self.path}")
                if answer is None:
                    answer = (404, {"detail": "Not Found"})
                if callable(answer):
                    answer(self)
                    return
                status, payload = answer
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                self._answer("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._answer("POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = False  # server_close() joins every request thread
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="stub-server", daemon=True)

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def slow(seconds: float, then: tuple[int, Any] = (200, {})) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        try:
            data = json.dumps(then[1]).encode()
            handler.send_response(then[0])
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except OSError:
            pass  # the client gave up first

    return answer


def dropped(handler: BaseHTTPRequestHandler) -> None:
    """Headers promising a long body, half of it, then the connection closes."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "5000")
    handler.end_headers()
    handler.wfile.write(b'{"choices": [{"logprobs": {"top_log')
    handler.wfile.flush()
    handler.close_connection = True
    handler.connection.shutdown(2)
