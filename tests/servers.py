"""A second portal process for tests that need a real server (another instance, gunicorn)."""

import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(command, *, cwd, env, port, what, wait=60, stop_wait=10, stderr=subprocess.DEVNULL):
    """Start ``command`` (answering on ``port``), wait for ``/healthz``, yield (process, url); stop it."""
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"{what} did not start") from None
                time.sleep(0.3)
        yield server, url
    finally:
        server.terminate()
        try:
            server.wait(timeout=stop_wait)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
