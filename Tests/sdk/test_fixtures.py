"""Record and replay with the official SDKs: `aigw serve --fixtures DIR --mode record` in front
of the fake provider, then `--mode replay` with no provider at all. Only the base URL changes."""
import os
import tempfile

import anthropic
import openai
import pytest

from conftest import Gateway

GPT = "gpt-4o-mini"
CLAUDE = "claude-haiku-4-5"


def fixture_server(directory, mode, fake=None):
    """`aigw serve --fixtures DIR --mode MODE` in local mode; upstream at the fake, or nowhere."""
    return Gateway(fake, directory, "--fixtures", os.path.join(directory, "fixtures"), "--mode", mode,
                   tenant_keys=False, name=mode)


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
        with fixture_server(directory, "record", fake) as server:
            recorded = exchanges(server.base)
        calls = fake.stats()["requests"]
        assert len(os.listdir(os.path.join(directory, "fixtures"))) == 4

        with fixture_server(directory, "replay") as server:
            assert exchanges(server.base) == recorded
            oai = openai.OpenAI(base_url=server.base + "/v1", api_key="unused-locally", max_retries=0)
            with pytest.raises(openai.NotFoundError) as miss:
                oai.chat.completions.create(model=GPT, messages=[{"role": "user", "content": "fixture plain!"}])
            message = str(miss.value)
            assert "Nearest" in message and "messages" in message and "--mode record" in message
        assert fake.stats()["requests"] == calls
