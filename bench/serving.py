"""A throwaway `orgkg serve` for the benchmarks: a free loopback port, and waiting until it answers /health."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(url: str, server: subprocess.Popen, timeout: float) -> str | None:
    """None once `url`/health answers; else, when the server has exited or `timeout` seconds have passed, what it
    wrote to its standard error (so the caller can say why it did not start)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f"{url}/health", timeout=2).read()
            return None
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                return server.stderr.read() if server.stderr else ""
            time.sleep(0.2)
