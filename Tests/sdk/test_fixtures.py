"""Record and replay with the official SDKs: `aigw serve --fixtures DIR --mode record` in front
of the fake provider, then `--mode replay` with no provider at all. Only the base URL changes."""
import os
import subprocess
import tempfile

import anthropic
import openai
import pytest

from conftest import BIN, free_port, wait_until_up

GPT = "gpt-4o-mini"
CLAUDE = "claude-haiku-4-5"
PROVIDER_VARIABLES = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"]


class FixtureServer:
    """`aigw serve --fixtures DIR --mode MODE` in local mode; upstream at the fake, or nowhere."""

    def __init__(self, directory, mode, fake=None):
        env = {name: value for name, value in os.environ.items() if name not in PROVIDER_VARIABLES}
        if fake is not None:
            env.update({"OPENAI_BASE_URL": fake.base + "/v1", "ANTHROPIC_BASE_URL": fake.base,
                        "OPENAI_API_KEY": "provider-test-key", "ANTHROPIC_API_KEY": "provider-test-key"})
        port = free_port()
        self.log = open(os.path.join(directory, f"aigw-{mode}.log"), "w")
        self.process = subprocess.Popen(
            [os.path.join(BIN, "aigw"), "serve", "--port", str(port), "--store", os.path.join(directory, f"store-{mode}"),
             "--fixtures", os.path.join(directory, "fixtures"), "--mode", mode],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{port}"
        wait_until_up(self.base + "/healthz", self.process)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def exchanges(base):
    """Plain and streamed answers from both SDKs, as the SDKs parse them."""
    oai = openai.OpenAI(base_url=base + "/v1", api_key="unused-locally", max_retries=0)
    claude = anthropic.Anthropic(base_url=base, api_key="unused-locally", max_retries=0)
    user = lambda text: [{"role": "user", "content": text}]
    return [
        oai.chat.completions.create(model=GPT, messages=user("fixture plain")).model_dump(),
        [chunk.model_dump() for chunk in oai.chat.completions.create(
            model=GPT, messages=user("fixture stream"), stream=True, stream_options={"include_usage": True})],
        claude.messages.create(model=CLAUDE, max_tokens=64, messages=user("fixture plain")).model_dump(),
        [event.model_dump() for event in claude.messages.create(
            model=CLAUDE, max_tokens=64, messages=user("fixture stream"), stream=True)],
    ]


def test_recorded_exchanges_replay_offline_and_a_miss_says_how_to_record(fake):
    with tempfile.TemporaryDirectory() as directory:
        with FixtureServer(directory, "record", fake) as server:
            recorded = exchanges(server.base)
        calls = fake.stats()["requests"]
        assert len(os.listdir(os.path.join(directory, "fixtures"))) == 4

        with FixtureServer(directory, "replay") as server:
            assert exchanges(server.base) == recorded
            oai = openai.OpenAI(base_url=server.base + "/v1", api_key="unused-locally", max_retries=0)
            with pytest.raises(openai.NotFoundError) as miss:
                oai.chat.completions.create(model=GPT, messages=[{"role": "user", "content": "fixture plain!"}])
            message = str(miss.value)
            assert "Nearest" in message and "messages" in message and "--mode record" in message
        assert fake.stats()["requests"] == calls
