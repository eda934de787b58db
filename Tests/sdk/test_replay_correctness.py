"""A hit answers the request that was asked (issue #21): a stream's usage chunk follows the
request being answered, not the one that stored the entry, and `n > 1` is served and cached."""

import pytest

from conftest import unique

GPT = "gpt-4o-mini"
CLAUDE = "claude-haiku-4-5"




def stream_once(oai, model, messages, include_usage):
    options = {"stream_options": {"include_usage": True}} if include_usage else {}
    stream = oai.chat.completions.create(model=model, messages=messages, stream=True, **options)
    status = stream.response.headers["x-aigw-cache"]
    chunks = list(stream)
    return status, chunks


@pytest.mark.parametrize("model", [GPT, CLAUDE])
@pytest.mark.parametrize("stored_with_usage", [True, False])
@pytest.mark.parametrize("asked_with_usage", [True, False])
def test_a_stream_has_its_usage_chunk_exactly_when_asked(oai, fake, model, stored_with_usage, asked_with_usage):
    messages = [{"role": "user", "content": unique("usage")}]
    status, live = stream_once(oai, model, messages, stored_with_usage)
    assert status == "miss"
    before = fake.stats()["requests"]
    status, replayed = stream_once(oai, model, messages, asked_with_usage)
    assert status == "hit"
    assert fake.stats()["requests"] == before
    for chunks, asked in [(live, stored_with_usage), (replayed, asked_with_usage)]:
        # The loop every plain client writes: it must never meet a chunk without choices.
        if not asked:
            text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks)
        else:
            text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
        assert text.startswith("echo: usage")
        usage_chunks = [chunk for chunk in chunks if not chunk.choices]
        assert len(usage_chunks) == (1 if asked else 0)
        if asked:
            assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens > 0


def test_a_stream_stored_from_json_has_its_usage_chunk_exactly_when_asked(oai, fake):
    messages = [{"role": "user", "content": unique("json first")}]
    oai.chat.completions.create(model=GPT, messages=messages)
    for asked in [False, True]:
        status, chunks = stream_once(oai, GPT, messages, asked)
        assert status == "hit"
        assert len([chunk for chunk in chunks if not chunk.choices]) == (1 if asked else 0)


def choices_of_json(oai, messages, **options):
    response = oai.chat.completions.with_raw_response.create(model=GPT, messages=messages, n=2, **options)
    completion = response.parse()
    return response.headers["x-aigw-cache"], [choice.message.content for choice in completion.choices]


def choices_of_stream(oai, messages, **options):
    stream = oai.chat.completions.create(model=GPT, messages=messages, n=2, stream=True, **options)
    status = stream.response.headers["x-aigw-cache"]
    texts = {}
    finished = set()
    for chunk in stream:
        for choice in chunk.choices:
            texts[choice.index] = texts.get(choice.index, "") + (choice.delta.content or "")
            if choice.finish_reason:
                finished.add(choice.index)
    assert finished == {0, 1}
    return status, [texts[0], texts[1]]


@pytest.mark.parametrize("first,second", [(choices_of_json, choices_of_stream), (choices_of_stream, choices_of_json),
                                          (choices_of_json, choices_of_json), (choices_of_stream, choices_of_stream)])
def test_two_choices_are_served_and_cached(oai, fake, first, second):
    prompt = unique("two")
    messages = [{"role": "user", "content": prompt}]
    expected = [f"echo: {prompt}", f"echo: {prompt} #1"]
    status, texts = first(oai, messages)
    assert (status, texts) == ("miss", expected)
    before = fake.stats()["requests"]
    status, texts = second(oai, messages)
    assert (status, texts) == ("hit", expected)
    assert fake.stats()["requests"] == before


@pytest.mark.parametrize("answer", [choices_of_json, choices_of_stream])
def test_two_choices_without_the_cache(oai, fake, answer):
    messages = [{"role": "user", "content": unique("no store")}]
    headers = {"extra_headers": {"Cache-Control": "no-cache, no-store"}}
    status, texts = answer(oai, messages, **headers)
    assert status == "bypass"
    assert len(texts) == 2 and texts[1].endswith("#1")
