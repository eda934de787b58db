"""Starts the fake provider and `aigw serve` (built by `swift build`) for the SDK tests.

The gateway runs with a config file of gateway keys; its upstreams point at the fake, which
answers deterministically ("echo: <last user text>") and can be scripted over /_fake/.
"""
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
import uuid

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("AIGW_BIN_DIR", os.path.join(ROOT, ".build", "debug"))
TENANT_KEY = "gw-sdk-test-key"
PROVIDER_KEY = "provider-test-key"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up in {seconds} s")


class Fake:
    def __init__(self, port):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        with urllib.request.urlopen(request, timeout=5) as response:
            text = response.read()
        return json.loads(text) if text else None

    def stats(self):
        return self._call("GET", "/_fake/stats")

    def enqueue(self, replies, route=None):
        self._call("POST", "/_fake/replies", {"route": route, "replies": replies})

    def clear(self):
        self._call("DELETE", "/_fake/replies")


@pytest.fixture(scope="session")
def fake():
    process = subprocess.Popen([os.path.join(BIN, "AIGatewayFakeProvider")], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    assert line.startswith("listening "), f"fake provider said {line!r}"
    yield Fake(int(line.split()[1]))
    process.terminate()
    process.wait(timeout=10)


PROVIDER_VARIABLES = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"]


class Gateway:
    """An `aigw serve` process with its own store, upstreams at the fake (none when `fake` is
    None). With `tenant_keys` it reads a config of one tenant key; without, it runs in local
    mode. `name` tells the store and log of several servers in one directory apart."""

    def __init__(self, fake, directory, *extra_args, tenant_keys=True, name=""):
        suffix = f"-{name}" if name else ""
        self.store = os.path.join(directory, "store" + suffix)
        arguments = []
        if tenant_keys:
            config = os.path.join(directory, "gateway.json")
            with open(config, "w") as file:
                json.dump({"keys": [{"key": TENANT_KEY, "tenant": "sdk-tests"}]}, file)
            arguments = ["--config", config]
        port = free_port()
        env = {name: value for name, value in os.environ.items() if name not in PROVIDER_VARIABLES}
        if fake is not None:
            env.update({
                "OPENAI_BASE_URL": fake.base + "/v1",
                "ANTHROPIC_BASE_URL": fake.base,
                "OPENAI_API_KEY": PROVIDER_KEY,
                "ANTHROPIC_API_KEY": PROVIDER_KEY,
            })
        self.log = open(os.path.join(directory, f"aigw{suffix}.log"), "w")
        self.process = subprocess.Popen(
            [os.path.join(BIN, "aigw"), "serve", "--port", str(port), "--store", self.store, *arguments, *extra_args],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{port}"
        wait_until_up(self.base + "/healthz", self.process)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self, timeout=30):
        """Sends SIGTERM and returns the exit status."""
        self.process.terminate()
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.log.close()

    def entries(self):
        """The store's cache entries, read by `aigw cache ls` (the server must be stopped or running)."""
        output = subprocess.run([os.path.join(BIN, "aigw"), "cache", "ls", "--json", "--store", self.store],
                                check=True, capture_output=True, text=True).stdout
        return json.loads(output)


@pytest.fixture(scope="session")
def gateway(fake):
    """The gateway's base URL (http://127.0.0.1:PORT)."""
    with tempfile.TemporaryDirectory() as directory:
        server = Gateway(fake, directory)
        yield server.base
        code = server.stop()
        assert code == 0, f"aigw serve exited with {code} on SIGTERM"


@pytest.fixture(autouse=True)
def no_leftover_replies(fake):
    yield
    fake.clear()

def unique(text):
    """A prompt no other test sends, so each test starts with a miss."""
    return f"{text} {uuid.uuid4().hex[:8]}"


@pytest.fixture
def oai(gateway):
    """The official OpenAI SDK pointed at the session's gateway (one retry, as the SDK's default
    would make several)."""
    import openai
    return openai.OpenAI(base_url=gateway + "/v1", api_key=TENANT_KEY, max_retries=1)


@pytest.fixture
def claude(gateway):
    """The official Anthropic SDK pointed at the session's gateway."""
    import anthropic
    return anthropic.Anthropic(base_url=gateway, api_key=TENANT_KEY, max_retries=1)
