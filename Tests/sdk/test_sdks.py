"""The official OpenAI and Anthropic Python SDKs against `aigw serve`: only the base URL changes."""

import anthropic
import openai
import pytest

from conftest import unique

GPT = "gpt-4o-mini"
CLAUDE = "claude-haiku-4-5"





def test_openai_json_then_hit(oai, fake):
    prompt = unique("hello")
    messages = [{"role": "user", "content": prompt}]
    first = oai.chat.completions.with_raw_response.create(model=GPT, messages=messages)
    assert first.headers["x-aigw-cache"] == "miss"
    completion = first.parse()
    assert completion.choices[0].message.content == f"echo: {prompt}"
    assert completion.usage.total_tokens > 0
    upstream_calls = fake.stats()["requests"]

    second = oai.chat.completions.with_raw_response.create(model=GPT, messages=messages)
    assert second.headers["x-aigw-cache"] == "hit"
    assert second.headers["x-aigw-cache-key"] == first.headers["x-aigw-cache-key"]
    assert second.parse().choices[0].message.content == f"echo: {prompt}"
    assert fake.stats()["requests"] == upstream_calls


@pytest.mark.parametrize("model", [GPT, CLAUDE])
def test_openai_stream_then_hit(oai, fake, model):
    prompt = unique("stream")
    messages = [{"role": "user", "content": prompt}]
    for expected in ["miss", "hit"]:
        before = fake.stats()["requests"]
        stream = oai.chat.completions.create(model=model, messages=messages, stream=True,
                                             stream_options={"include_usage": True})
        assert stream.response.headers["x-aigw-cache"] == expected
        chunks = list(stream)
        text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
        assert text == f"echo: {prompt}"
        assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens > 0
        finish = [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason]
        assert finish == ["stop"]
        assert fake.stats()["requests"] == before + (1 if expected == "miss" else 0)


def test_openai_client_reaches_claude(oai, fake):
    prompt = unique("translate")
    before = fake.stats()["anthropic"]
    response = oai.chat.completions.with_raw_response.create(model=CLAUDE, messages=[
        {"role": "system", "content": "Be brief."}, {"role": "user", "content": prompt}])
    completion = response.parse()
    assert completion.object == "chat.completion"
    assert completion.choices[0].message.content == f"echo: {prompt}"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage.prompt_tokens > 0
    assert fake.stats()["anthropic"] == before + 1
    again = oai.chat.completions.with_raw_response.create(model=CLAUDE, messages=[
        {"role": "system", "content": "Be brief."}, {"role": "user", "content": prompt}])
    assert again.headers["x-aigw-cache"] == "hit"


def test_anthropic_json_then_hit(claude, fake):
    prompt = unique("hello")
    messages = [{"role": "user", "content": prompt}]
    first = claude.messages.with_raw_response.create(model=CLAUDE, max_tokens=64, messages=messages)
    assert first.headers["x-aigw-cache"] == "miss"
    message = first.parse()
    assert message.content[0].text == f"echo: {prompt}"
    assert message.stop_reason == "end_turn"
    before = fake.stats()["requests"]
    second = claude.messages.with_raw_response.create(model=CLAUDE, max_tokens=64, messages=messages)
    assert second.headers["x-aigw-cache"] == "hit"
    assert second.parse().content[0].text == f"echo: {prompt}"
    assert fake.stats()["requests"] == before


def test_anthropic_stream_then_hit(claude, fake):
    prompt = unique("stream")
    messages = [{"role": "user", "content": prompt}]
    for expected in ["miss", "hit"]:
        before = fake.stats()["requests"]
        with claude.messages.stream(model=CLAUDE, max_tokens=64, messages=messages) as stream:
            assert stream.response.headers["x-aigw-cache"] == expected
            text = "".join(stream.text_stream)
            final = stream.get_final_message()
        assert text == f"echo: {prompt}"
        assert final.usage.output_tokens > 0
        assert fake.stats()["requests"] == before + (1 if expected == "miss" else 0)


def test_unknown_gateway_key_is_an_authentication_error(gateway):
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=gateway + "/v1", api_key="not-a-gateway-key", max_retries=0).chat.completions.create(
            model=GPT, messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(anthropic.AuthenticationError):
        anthropic.Anthropic(base_url=gateway, api_key="not-a-gateway-key", max_retries=0).messages.create(
            model=CLAUDE, max_tokens=16, messages=[{"role": "user", "content": "hi"}])


def test_provider_400_is_a_bad_request_error(oai, claude, fake):
    fake.enqueue([{"kind": "error", "status": 400, "type": "invalid_request_error", "message": "temperature out of range"}],
                 route="/v1/chat/completions")
    with pytest.raises(openai.BadRequestError) as raised:
        oai.chat.completions.create(model=GPT, messages=[{"role": "user", "content": unique("bad")}])
    assert "temperature out of range" in str(raised.value)
    fake.enqueue([{"kind": "error", "status": 400, "type": "invalid_request_error", "message": "max_tokens too large"}],
                 route="/v1/messages")
    with pytest.raises(anthropic.BadRequestError):
        claude.messages.create(model=CLAUDE, max_tokens=16, messages=[{"role": "user", "content": unique("bad")}])


def test_unknown_model_is_not_found_and_an_untranslatable_parameter_is_a_bad_request(oai, gateway):
    with pytest.raises(openai.NotFoundError) as raised:
        oai.chat.completions.create(model="llama-9-nonexistent", messages=[{"role": "user", "content": "hi"}])
    assert "llama-9-nonexistent" in str(raised.value)
    with pytest.raises(openai.BadRequestError) as raised:
        oai.chat.completions.create(model=CLAUDE, messages=[{"role": "user", "content": "hi"}], n=2)
    assert "'n' is not supported" in str(raised.value)


def test_rate_limit_surfaces_once_retries_are_exhausted(oai, claude, fake):
    # Enough 429s for the gateway's retries and the SDK's own; the fixture drops the rest.
    fake.enqueue([{"kind": "rate_limited", "retry_after_seconds": 0}] * 30)
    before = fake.stats()["requests"]
    with pytest.raises(openai.RateLimitError) as raised:
        oai.chat.completions.create(model=GPT, messages=[{"role": "user", "content": unique("busy")}])
    # The provider's error code reaches the SDK as it was sent.
    assert raised.value.code == "rate_limit_exceeded"
    with pytest.raises(anthropic.RateLimitError):
        claude.messages.create(model=CLAUDE, max_tokens=16, messages=[{"role": "user", "content": unique("busy")}])
    assert fake.stats()["requests"] > before + 2
