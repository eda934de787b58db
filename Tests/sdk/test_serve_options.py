"""`aigw serve --upstream-timeout`, `--upstream-attempts` and `--max-request-mib`, seen from the OpenAI SDK."""
import tempfile
import time

import openai
import pytest

from conftest import TENANT_KEY, Gateway

GPT = "gpt-4o-mini"
ROUTE = "/v1/chat/completions"


def ask(server, prompt):
    client = openai.OpenAI(base_url=server.base + "/v1", api_key=TENANT_KEY, max_retries=0)
    return client.chat.completions.create(model=GPT, messages=[{"role": "user", "content": prompt}])


def test_a_provider_slower_than_the_upstream_timeout_is_a_504_and_is_not_asked_again(fake):
    with tempfile.TemporaryDirectory() as directory, Gateway(fake, directory, "--upstream-timeout", "1") as server:
        # Only the first answer is slow: a retry would get a quick one and succeed.
        fake.enqueue([{"kind": "slow", "delay_ms": 4000}], route=ROUTE)
        calls = fake.stats()["requests"]
        started = time.monotonic()
        with pytest.raises(openai.InternalServerError) as error:
            ask(server, "slower than the timeout")
        assert error.value.status_code == 504
        assert time.monotonic() - started < 3.5
        assert fake.stats()["requests"] == calls + 1
    fake.clear()


@pytest.mark.parametrize("attempts, answered", [(1, False), (2, True)])
def test_upstream_attempts_decides_whether_a_server_error_is_tried_again(fake, attempts, answered):
    with tempfile.TemporaryDirectory() as directory, \
            Gateway(fake, directory, "--upstream-attempts", str(attempts)) as server:
        fake.enqueue([{"kind": "server_error", "status": 500}], route=ROUTE)
        calls = fake.stats()["requests"]
        if answered:
            assert ask(server, f"tried {attempts} times").choices[0].message.content == f"echo: tried {attempts} times"
        else:
            with pytest.raises(openai.InternalServerError) as error:
                ask(server, f"tried {attempts} times")
            assert error.value.status_code == 500
        assert fake.stats()["requests"] == calls + attempts
    fake.clear()


def test_max_request_mib_sets_the_largest_body_accepted(fake):
    with tempfile.TemporaryDirectory() as directory, Gateway(fake, directory, "--max-request-mib", "1") as server:
        calls = fake.stats()["requests"]
        with pytest.raises(openai.APIStatusError) as error:
            ask(server, "x" * (1024 * 1024))
        assert error.value.status_code == 413
        assert fake.stats()["requests"] == calls
        text = "y" * (900 * 1024)
        assert ask(server, text).choices[0].message.content == "echo: " + text
