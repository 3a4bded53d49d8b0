"""A real inference server for the test session (imported by tests/conftest.py): llama-cpp-python's own
`python -m llama_cpp.server` with the default model, started once on a free port of 127.0.0.1 and stopped by its
process id. Tests skip with a clear reason when the `[server]` extra or the model package is not installed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def llama_server_url(default_model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("llama_cpp.server.app", reason="llama-cpp-python's [server] extra is not installed")
    from desktop.core.llm.server import ServerClient, ServerError

    port = _free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(default_model_path), "--host", "127.0.0.1",
             "--port", str(port), "--n_threads", "1", "--n_ctx", "1024"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}: {log.read_text()[-2000:]}")
            try:
                ServerClient(url, timeout=2).check()
                break
            except ServerError:
                if time.monotonic() > deadline:
                    pytest.fail(f"llama_cpp.server did not answer in 90 s: {log.read_text()[-2000:]}")
                time.sleep(0.3)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
