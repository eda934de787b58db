"""An upstream that echoes the gateway's own provider key (a proxy, a self-hosted server, an
error page quoting the request) in error messages, types and codes, stream error events,
headers and answers: the key must reach none of the client's bytes, the server's log, the
request log, the store's file or recorded fixtures. Also a 502 for an upstream URL with a
password in it. Runs `aigw serve` (local mode) against the fake provider."""
import http.client
import json
import os
import random
import socket
import string
import subprocess
import tempfile

import pytest

from conftest import BIN, PROVIDER_VARIABLES, free_port, wait_until_up

ROUTES = {"openai": ("/v1/chat/completions", "gpt-4o-mini"), "anthropic": ("/v1/messages", "claude-3-5-haiku-latest")}
PLACES = ["error", "stream_error", "header", "answer"]


def random_text(length):
    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(length))


# Built at run time, so no key-shaped literal sits in the sources.
KEYS = {"sk-shaped": "-".join(["sk", "proj", random_text(40)]), "any-shape": random_text(40)}


class Server:
    """`aigw serve` with `key` as both provider keys and `env` on top; stdout and stderr to a file."""

    def __init__(self, directory, key, fake=None, env=None, args=(), name="aigw"):
        self.store = os.path.join(directory, name + "-store")
        self.log_path = os.path.join(directory, name + ".log")
        environment = {k: v for k, v in os.environ.items() if k not in PROVIDER_VARIABLES}
        environment.update({"OPENAI_API_KEY": key, "ANTHROPIC_API_KEY": key})
        if fake is not None:
            environment.update({"OPENAI_BASE_URL": fake.base + "/v1", "ANTHROPIC_BASE_URL": fake.base})
        environment.update(env or {})
        self.port = free_port()
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [os.path.join(BIN, "aigw"), "serve", "--port", str(self.port), "--store", self.store,
             "--upstream-attempts", "1", *args],
            env=environment, stdout=self.log, stderr=subprocess.STDOUT)
        wait_until_up(f"http://127.0.0.1:{self.port}/healthz", self.process)

    def post(self, path, body):
        """Every byte the client receives: status line, headers and body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        payload = json.dumps(body).encode()
        connection.request("POST", path, body=payload, headers={"content-type": "application/json"})
        response = connection.getresponse()
        head = f"{response.status} {response.reason}\r\n".encode()
        head += b"".join(f"{name}: {value}\r\n".encode() for name, value in response.getheaders())
        data = response.read()
        connection.close()
        return response.status, head + b"\r\n" + data

    def stop(self):
        self.process.terminate()
        assert self.process.wait(timeout=30) == 0
        self.log.close()
        with open(self.log_path, "rb") as file:
            return file.read()

    def request_log(self):
        return subprocess.run([os.path.join(BIN, "aigw"), "logs", "--json", "--store", self.store],
                              check=True, capture_output=True).stdout


def request_body(provider, model, stream, prompt):
    body = {"model": model, "messages": [{"role": "user", "content": prompt}], "stream": stream}
    if provider == "anthropic":
        body["max_tokens"] = 100
    return body


def files_under(directory):
    for root, _, names in os.walk(directory):
        for name in names:
            with open(os.path.join(root, name), "rb") as file:
                yield os.path.join(root, name), file.read()


def exchange_every_echo(server, fake, run):
    """Each echo place on each route, streamed and not; every byte the client got."""
    received = []
    for provider, (path, model) in ROUTES.items():
        for place in PLACES:
            for stream in (False, True):
                fake.enqueue([{"kind": "echo_credentials", "place": place}], route=path)
                status, data = server.post(path, request_body(provider, model, stream, f"{run} {place} {stream}"))
                received.append(data)
                if place in ("header", "answer"):
                    assert status == 200, data[:300]
                    assert b"[redacted]" in data or place == "header"
                else:
                    assert status >= 400 or b"error" in data, data[:300]
    return b"".join(received)


@pytest.mark.parametrize("shape", sorted(KEYS))
def test_an_echoed_provider_key_reaches_no_client_log_store_or_fixture(fake, shape):
    key = KEYS[shape].encode()
    with tempfile.TemporaryDirectory() as directory:
        server = Server(directory, KEYS[shape], fake=fake, )
        client_bytes = exchange_every_echo(server, fake, "cache")
        request_log = server.request_log()
        server_log = server.stop()
        assert key not in client_bytes
        assert b"[redacted]" in client_bytes
        assert key not in server_log
        assert key not in request_log
        assert json.loads(request_log.splitlines()[0]) is not None
        for name, content in files_under(server.store):
            assert key not in content, name

        fixtures = os.path.join(directory, "fixtures")
        recorder = Server(directory, KEYS[shape], fake=fake, args=["--fixtures", fixtures, "--mode", "record"],
                          name="recorder")
        client_bytes = exchange_every_echo(recorder, fake, "fixtures")
        recorder_log = recorder.stop()
        assert key not in client_bytes
        assert key not in recorder_log
        recorded = list(files_under(fixtures))
        assert recorded, "nothing was recorded"
        for name, content in recorded:
            assert key not in content, name


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_upstream_with_a_password_in_its_url_is_a_502_that_does_not_repeat_it():
    with tempfile.TemporaryDirectory() as directory:
        url = f"http://user:PASSWORD@127.0.0.1:{closed_port()}/v1"
        server = Server(directory, random_text(40), env={"OPENAI_BASE_URL": url})
        status, data = server.post("/v1/chat/completions", request_body("openai", "gpt-4o-mini", False, "unreachable"))
        request_log = server.request_log()
        server_log = server.stop()
        assert status == 502, data
        assert b"127.0.0.1" in data
        for scanned in (data, request_log, server_log):
            assert b"PASSWORD" not in scanned
