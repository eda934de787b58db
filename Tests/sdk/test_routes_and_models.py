"""Routes, model lists and local mode seen from the official SDKs: fine-tuned models, `models.list()`
and `models.retrieve()` in each SDK, unknown paths, browser-shaped requests in local mode, and
keyless bodies refused before they are read."""
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from decimal import Decimal

import anthropic
import openai
import pytest

from conftest import Gateway, unique

FINE_TUNED = "ft:gpt-4o-mini-2024-07-18:acme::abc123"
MIB = 1024 * 1024




def test_a_fine_tuned_model_is_served_and_priced_at_its_fine_tuned_rates(oai):
    messages = [{"role": "user", "content": unique("tuned")}]
    tuned = oai.chat.completions.with_raw_response.create(model=FINE_TUNED, messages=messages)
    completion = tuned.parse()
    assert completion.choices[0].message.content.startswith("echo: tuned")
    # gpt-4o-mini fine-tuned: $0.30 in / $1.20 out per million (the base model: $0.15 / $0.60).
    usage = completion.usage
    expected = (Decimal("0.30") * usage.prompt_tokens + Decimal("1.20") * usage.completion_tokens) / 1_000_000
    assert Decimal(tuned.headers["x-aigw-cost-usd"]) == expected


def test_openai_models_list_and_retrieve(oai):
    ids = [model.id for model in oai.models.list()]
    assert "gpt-4o-mini" in ids and "gpt-4o-mini-2024-07-18" in ids
    assert "claude-3-5-haiku-20241022" in ids, "chat completions serve Claude too (translated)"
    model = oai.models.retrieve("gpt-4o-mini-2024-07-18")
    assert model.id == "gpt-4o-mini-2024-07-18" and model.owned_by == "openai"
    assert oai.models.retrieve(FINE_TUNED).owned_by == "openai"
    with pytest.raises(openai.NotFoundError) as raised:
        oai.models.retrieve("llama-9-nonexistent")
    assert "llama-9-nonexistent" in str(raised.value)


def test_anthropic_models_list_and_retrieve(claude):
    models = list(claude.models.list(limit=5))  # several pages: the SDK follows has_more / last_id
    ids = [model.id for model in models]
    assert len(ids) > 5 and len(set(ids)) == len(ids)
    assert not [model for model in ids if "gpt" in model]
    assert all(model.startswith("claude-") for model in ids)
    assert "claude-3-5-haiku-20241022" in ids
    assert all(model.type == "model" and model.lifecycle == "active" and model.display_name for model in models)
    dated = claude.models.retrieve("claude-3-5-haiku-20241022")
    assert dated.created_at.year == 2024 and dated.created_at.month == 10
    with pytest.raises(anthropic.NotFoundError):
        claude.models.retrieve("gpt-4o-mini")


def test_an_unknown_path_is_a_not_found_error_naming_it(oai, claude):
    with pytest.raises(openai.NotFoundError) as raised:
        oai.get("/no-such-route", cast_to=object)
    assert "/v1/no-such-route" in str(raised.value)
    with pytest.raises(anthropic.NotFoundError) as raised:
        claude.get("/v1/no-such-route", cast_to=object)
    assert "/v1/no-such-route" in str(raised.value)


@pytest.fixture(scope="module")
def local_gateway(fake):
    with tempfile.TemporaryDirectory() as directory, Gateway(fake, directory, tenant_keys=False, name="local") as server:
        yield server


def test_local_mode_refuses_a_foreign_host(local_gateway):
    client = openai.OpenAI(base_url=local_gateway.base + "/v1", api_key="unused", max_retries=0,
                           default_headers={"Host": "attacker.example"})
    with pytest.raises(openai.PermissionDeniedError) as raised:
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    assert "attacker.example" in str(raised.value)
    with pytest.raises(openai.PermissionDeniedError):
        client.models.list()
    local = openai.OpenAI(base_url=local_gateway.base + "/v1", api_key="unused", max_retries=0)
    assert local.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]).choices


def post(url, body, headers):
    request = urllib.request.Request(url, data=body.encode(), method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_local_mode_refuses_what_a_web_page_could_post(local_gateway):
    url = local_gateway.base + "/v1/chat/completions"
    body = '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}'
    status, text = post(url, body, {"Content-Type": "text/plain", "Origin": "https://attacker.example"})
    assert status == 403 and "Origin" in text
    status, text = post(url, body, {"Content-Type": "text/plain"})
    assert status == 415 and "application/json" in text
    # What the README's curl examples send, and curl -d's own default.
    assert post(url, body, {"Content-Type": "application/json"})[0] == 200
    assert post(url, body, {"Content-Type": "application/x-www-form-urlencoded"})[0] == 200


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def send_keyless_48_mib(port, answers):
    """Sends the head of a keyless 48 MiB request and 64 KiB of its body, reads the answer, then
    sends the rest of the body (as a client that does not read before writing would)."""
    declared = 48 * MIB
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        head = (f"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Content-Length: {declared}\r\n\r\n").encode()
        chunk = b'{"model": "gpt-4o-mini", "messages": [' + b" " * (64 * 1024 - 39)
        sock.sendall(head + chunk)
        answers.append(sock.recv(4096).split(b"\r\n", 1)[0].decode())
        rest, block = declared - len(chunk), b" " * MIB
        try:
            while rest > 0:
                sent = sock.send(block[:min(rest, MIB)])
                rest -= sent
        except OSError:
            pass  # the server may close the connection instead of reading the rest: fine too


def test_keyless_48_mib_requests_are_refused_before_their_bodies_and_grow_no_memory(fake):
    with tempfile.TemporaryDirectory() as directory, Gateway(fake, directory, name="rss") as server:
        port = int(server.base.rsplit(":", 1)[1])
        pid = server.process.pid
        post(server.base + "/v1/chat/completions", "{}", {"Authorization": "Bearer nope", "Content-Type": "application/json"})
        time.sleep(0.5)
        before = rss_kib(pid)
        answers = []
        threads = [threading.Thread(target=send_keyless_48_mib, args=(port, answers)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        growth_mib = (rss_kib(pid) - before) / 1024
        print(f"RSS growth after 8 keyless 48 MiB requests: {growth_mib:.1f} MiB")
        assert answers == ["HTTP/1.1 401 Unauthorized"] * 8
        # 384 MiB were declared and sent; holding them would grow the process by as much.
        assert growth_mib < 32
