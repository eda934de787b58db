"""SIGTERM while a request is in flight: it finishes (up to the deadline) and is stored."""
import tempfile
import threading
import time

import openai

from conftest import TENANT_KEY, Gateway

GPT = "gpt-4o-mini"


def ask_in_background(base, prompt):
    outcome = {}

    def run():
        client = openai.OpenAI(base_url=base + "/v1", api_key=TENANT_KEY, max_retries=0, timeout=30)
        try:
            outcome["text"] = client.chat.completions.create(
                model=GPT, messages=[{"role": "user", "content": prompt}]).choices[0].message.content
        except Exception as error:  # the outcome is what the test checks
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def wait_until_upstream(fake, calls_before, seconds=10):
    """Waits until the gateway has passed the request on: only then is it in flight."""
    deadline = time.monotonic() + seconds
    while fake.stats()["requests"] == calls_before:
        assert time.monotonic() < deadline, "the request never reached the fake provider"
        time.sleep(0.02)


def test_request_in_flight_finishes_and_is_stored(fake):
    with tempfile.TemporaryDirectory() as directory:
        server = Gateway(fake, directory)
        fake.enqueue([{"kind": "slow", "delay_ms": 1500}], route="/v1/chat/completions")
        calls = fake.stats()["requests"]
        thread, outcome = ask_in_background(server.base, "finish me")
        wait_until_upstream(fake, calls)
        code = server.stop()
        thread.join(timeout=10)
        assert code == 0
        assert outcome.get("text") == "echo: finish me", outcome
        assert len(server.entries()) == 1


def test_shutdown_deadline_cancels_what_is_left(fake):
    with tempfile.TemporaryDirectory() as directory:
        server = Gateway(fake, directory, "--shutdown-timeout", "1")
        fake.enqueue([{"kind": "slow", "delay_ms": 8000}], route="/v1/chat/completions")
        calls = fake.stats()["requests"]
        thread, outcome = ask_in_background(server.base, "too slow")
        wait_until_upstream(fake, calls)
        started = time.monotonic()
        server.stop(timeout=15)
        assert time.monotonic() - started < 6
        thread.join(timeout=10)
        assert "error" in outcome, outcome
        assert server.entries() == []
