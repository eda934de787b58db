"""Schema conformance: every answer `aigw serve` renders, checked against the providers' published
schemas, strictly, from the raw bytes (not through the SDKs' lenient parsing). See docs/schemas.md.

- OpenAI format: the pruned OpenAPI document in schemas/openai-openapi.pruned.json (pinned commit
  of openai/openai-openapi), validated with `jsonschema` (Draft 2020-12) after two reading rules:
  `nullable: true` admits null and nothing else does (a plain `"type": "string"` rejects null),
  and objects whose schema lists `properties` without `additionalProperties` may not carry
  properties the schema does not declare.
- Anthropic format: the pinned `anthropic` SDK's pydantic types, `validate_json(..., strict=True)`
  (no coercion: a string is not a number, null only where the type is Optional, literals and
  enums exact, fields without a default required), plus no field the type does not declare at
  any depth (the SDK's models accept extra fields silently; here they are findings).
- Stream rules the schemas cannot express: one id/created/model per OpenAI stream, `[DONE]` once
  and last, the usage chunk present exactly when `stream_options.include_usage` asked for it, one
  finish_reason; Anthropic event order, block indexes, delta types matching their block, event
  names matching the data's `type`.

Each test collects findings ("where: field: problem") and fails with all of them listed.
"""
import functools
import http.client
import json
import os
import re
import tempfile
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import List, Optional

import jsonschema
import pydantic
import pytest
import referencing
from anthropic.pagination import SyncPage
from anthropic.types import (
    Message,
    MessageTokensCount,
    ModelInfo,
    RawContentBlockDeltaEvent,
    RawContentBlockStartEvent,
    RawContentBlockStopEvent,
    RawMessageDeltaEvent,
    RawMessageStartEvent,
    RawMessageStopEvent,
)
from anthropic.types.shared import ErrorResponse as AnthropicErrorResponse

from conftest import TENANT_KEY, Gateway

GPT = "gpt-4o-mini"
CLAUDE = "claude-haiku-4-5"
CHAT = "/v1/chat/completions"
MESSAGES = "/v1/messages"
SCHEMA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas", "openai-openapi.pruned.json")
SCHEMA_URI = "urn:openai-openapi"


def unique(text):
    """A prompt no other test sends, so each case starts with a miss."""
    return f"{text} {uuid.uuid4().hex[:12]}"


# ---------------------------------------------------------------------------------------------
# OpenAI: the pruned OpenAPI document, read strictly.

# Fields the gateway adds on purpose, documented, outside the provider's schema: (schema, path).
# `request_id` in OpenAI-shape error bodies is the gateway's request id (docs/server.md, "Errors");
# Anthropic's own error bodies carry one, and its SDK type declares it.
GATEWAY_EXTENSIONS = {("ErrorResponse", "$.request_id")}


def _strict_openapi(schema, in_schema_map=False):
    """The schema with OpenAPI 3.0's `nullable` turned into JSON Schema and `$ref`s made absolute.

    `{"type": "object", "nullable": true, ...}` becomes `{"anyOf": [{"type": "null"}, {...}]}`
    (also right next to `$ref`, `enum` or `allOf`, where adding "null" to `type` would not be
    enough); `nullable: false` is dropped. 3.1 type lists and `anyOf [..., {"type": "null"}]`
    are JSON Schema already. Nothing else admits null."""
    if isinstance(schema, list):
        return [_strict_openapi(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if in_schema_map:
        return {name: _strict_openapi(sub) for name, sub in schema.items()}
    out = {}
    for key, value in schema.items():
        if key in ("enum", "const", "default"):
            out[key] = value
        elif key == "$ref":
            out[key] = SCHEMA_URI + value
        elif key in ("properties", "patternProperties", "$defs", "dependentSchemas"):
            out[key] = _strict_openapi(value, in_schema_map=True)
        else:
            out[key] = _strict_openapi(value)
    nullable = out.pop("nullable", False)
    if nullable is True:
        return {"anyOf": [{"type": "null"}, out]}
    return out


class OpenAPISchemas:
    def __init__(self, path):
        with open(path) as file:
            document = json.load(file)
        self.pinned = document["x-pruned-from"]
        document = {"components": {"schemas": {name: _strict_openapi(schema)
                                               for name, schema in document["components"]["schemas"].items()}}}
        self.document = document
        resource = referencing.Resource.from_contents(document, default_specification=referencing.jsonschema.DRAFT202012)
        self.registry = referencing.Registry().with_resource(SCHEMA_URI, resource)

    def schema(self, name):
        return self.document["components"]["schemas"][name]

    def _validator(self, schema):
        return jsonschema.Draft202012Validator(schema, registry=self.registry)

    def _resolve(self, schema):
        while isinstance(schema, dict) and "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[1]
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            target = self.schema(name)
            schema = {"allOf": [target, rest]} if rest else target
        return schema

    def findings(self, name, instance, where):
        """Everything about `instance` that the schema `name` does not allow."""
        out = []
        validator = self._validator({"$ref": f"{SCHEMA_URI}#/components/schemas/{name}"})
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
            leaves = _leaf_errors(error)
            for leaf in leaves:
                out.append(f"{where}: {_json_path(leaf.absolute_path)}: {_short(leaf.instance)} — {leaf.message[:300]}"
                           f" (schema {name}{_schema_path(leaf)})")
        if not out:
            self._undeclared([self.schema(name)], instance, "$", where, name, out)
        return out

    def _candidates(self, schemas, instance):
        """The schemas that apply to `instance`: these, their allOf members, and the anyOf/oneOf
        members it validates against."""
        result, todo = [], list(schemas)
        while todo:
            schema = self._resolve(todo.pop())
            if not isinstance(schema, dict):
                continue
            result.append(schema)
            todo.extend(schema.get("allOf", []))
            for key in ("anyOf", "oneOf"):
                todo.extend(branch for branch in schema.get(key, []) if self._validator(branch).is_valid(instance))
        return result

    def _undeclared(self, schemas, instance, path, where, name, out):
        candidates = self._candidates(schemas, instance)
        if isinstance(instance, dict):
            declared = set()
            open_object = not any("properties" in c for c in candidates)
            for candidate in candidates:
                declared.update(candidate.get("properties", {}))
                if candidate.get("additionalProperties", None) not in (None, False) or "patternProperties" in candidate:
                    open_object = True
            for key, value in instance.items():
                if key not in declared and not open_object and (name, f"{path}.{key}") not in GATEWAY_EXTENSIONS:
                    out.append(f"{where}: {path}.{key}: {_short(value)} — a property the schema does not declare (schema {name})")
                subs = [c["properties"][key] for c in candidates if key in c.get("properties", {})]
                if subs:
                    self._undeclared(subs, value, f"{path}.{key}", where, name, out)
        elif isinstance(instance, list):
            subs = [c["items"] for c in candidates if isinstance(c.get("items"), dict)]
            if subs:
                for index, item in enumerate(instance):
                    self._undeclared(subs, item, f"{path}[{index}]", where, name, out)


def _leaf_errors(error):
    """The most specific errors under a failed anyOf/oneOf: those of the branch that got furthest."""
    if not error.context:
        return [error]
    by_branch = {}
    for sub in error.context:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    # A value against `anyOf [{"type": "null"}, X]` reads best as X's complaint about it.
    branches = [errors for errors in by_branch.values()
                if not all(e.validator == "type" and e.validator_value == "null" for e in errors)] or list(by_branch.values())
    best = max(branches, key=lambda errors: max(len(e.absolute_path) for e in errors))
    return [leaf for sub in best for leaf in _leaf_errors(sub)]


def _json_path(parts):
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _schema_path(error):
    return "".join(f"/{part}" for part in list(error.absolute_schema_path)[-4:]) if error.absolute_schema_path else ""


def _short(value):
    text = json.dumps(value)
    return text if len(text) <= 120 else text[:117] + "..."


@functools.cache
def openai_schemas():
    return OpenAPISchemas(SCHEMA_FILE)


# ---------------------------------------------------------------------------------------------
# Anthropic: the SDK's pydantic types in strict mode, with no undeclared fields.

class AnthropicModelList(SyncPage[ModelInfo]):
    """The model list page as the SDK reads it (`client.models.list()`)."""


ANTHROPIC_EVENTS = {
    "message_start": RawMessageStartEvent,
    "message_delta": RawMessageDeltaEvent,
    "message_stop": RawMessageStopEvent,
    "content_block_start": RawContentBlockStartEvent,
    "content_block_delta": RawContentBlockDeltaEvent,
    "content_block_stop": RawContentBlockStopEvent,
}


@functools.cache
def _adapter(type_):
    return pydantic.TypeAdapter(type_)


def anthropic_findings(type_, raw, where):
    """Validates JSON text as `type_` in pydantic's strict JSON mode, then looks for fields the
    types do not declare (the SDK's models are `extra="allow"`, so pydantic keeps them)."""
    try:
        value = _adapter(type_).validate_json(raw, strict=True)
    except pydantic.ValidationError as error:
        return [f"{where}: {_json_path(e['loc'])}: " + ("" if e["type"] == "missing" else f"{_short(e.get('input'))} — ")
                + f"{e['msg']} ({e['type']}, type {type_.__name__})" for e in error.errors(include_url=False)]
    out = []
    _extras(value, "$", where, out)
    return out


def _extras(value, path, where, out):
    if isinstance(value, pydantic.BaseModel):
        for key, extra in (value.__pydantic_extra__ or {}).items():
            out.append(f"{where}: {path}.{key}: {_short(extra)} — a field {type(value).__name__} does not declare")
        for key in type(value).model_fields:
            _extras(getattr(value, key), f"{path}.{key}", where, out)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _extras(item, f"{path}[{index}]", where, out)
    elif isinstance(value, dict):
        for key, item in value.items():
            _extras(item, f"{path}.{key}", where, out)


# ---------------------------------------------------------------------------------------------
# Raw HTTP and SSE.

class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0].strip()

    @property
    def cache(self):
        return self.headers.get("x-aigw-cache")


def call(base, method, path, body=None, headers=None, raw=None):
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        all_headers = {"content-type": "application/json"} if data is not None else {}
        all_headers.update(headers or {})
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def openai_headers(key=TENANT_KEY):
    return {"authorization": f"Bearer {key}"}


def anthropic_headers(key=TENANT_KEY):
    return {"x-api-key": key, "anthropic-version": "2023-06-01"}


def parse_sse(body, where, out):
    """(event name or None, data) pairs, per the SSE rules; a body that does not end with a blank
    line is a finding."""
    text = body.decode("utf-8")
    if text and not text.endswith("\n\n") and not text.endswith("\r\n\r\n"):
        out.append(f"{where}: the stream does not end with a complete event: {text[-80:]!r}")
    events, name, data = [], None, []
    for line in re.split(r"\r\n|\r|\n", text):
        if line == "":
            if data:
                events.append((name, "\n".join(data)))
            elif name is not None:
                out.append(f"{where}: event {name!r} has no data")
            name, data = None, []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "event":
            name = value
        elif field == "data":
            data.append(value)
        else:
            out.append(f"{where}: unexpected SSE field {field!r}")
    return events


# ---------------------------------------------------------------------------------------------
# Checks of one answer.

def check_json(reply, where, out, expected_status=200):
    if reply.status != expected_status:
        out.append(f"{where}: status {reply.status}, expected {expected_status}: {reply.body[:300]!r}")
        return None
    if reply.content_type != "application/json":
        out.append(f"{where}: content-type {reply.headers.get('content-type')!r}, expected application/json")
    try:
        return json.loads(reply.body)
    except ValueError as error:
        out.append(f"{where}: the body is not JSON ({error}): {reply.body[:200]!r}")
        return None


def check_openai_json(reply, where, out):
    body = check_json(reply, where, out)
    if body is not None:
        out.extend(openai_schemas().findings("CreateChatCompletionResponse", body, where))
    return body


def check_anthropic_json(reply, where, out):
    if check_json(reply, where, out) is not None:
        out.extend(anthropic_findings(Message, reply.body, where))


def check_openai_stream(reply, where, out, include_usage):
    """Validates every chunk and the stream rules; `include_usage` is what the request asked."""
    if reply.status != 200:
        out.append(f"{where}: status {reply.status}, expected 200: {reply.body[:300]!r}")
        return
    if reply.content_type != "text/event-stream":
        out.append(f"{where}: content-type {reply.headers.get('content-type')!r}, expected text/event-stream")
    events = parse_sse(reply.body, where, out)
    named = [name for name, _ in events if name is not None]
    if named:
        out.append(f"{where}: OpenAI streams name no events, this one names {named[:3]}")
    done = [i for i, (_, data) in enumerate(events) if data == "[DONE]"]
    if len(done) != 1 or done[0] != len(events) - 1:
        out.append(f"{where}: [DONE] must come exactly once and last; at {done} of {len(events)} events")
    chunks = []
    for i, (_, data) in enumerate(events):
        if data == "[DONE]":
            continue
        try:
            chunk = json.loads(data)
        except ValueError:
            out.append(f"{where}: event {i} is not JSON: {data[:120]!r}")
            continue
        out.extend(openai_schemas().findings("CreateChatCompletionStreamResponse", chunk, f"{where} chunk[{len(chunks)}]"))
        chunks.append(chunk)
    if not chunks:
        out.append(f"{where}: no chunks")
        return
    for field in ("id", "created", "model", "object"):
        values = {json.dumps(c.get(field)) for c in chunks}
        if len(values) != 1:
            out.append(f"{where}: one {field} per stream expected, got {sorted(values)}")
    usage = [i for i, c in enumerate(chunks) if c.get("usage") is not None]
    empty = [i for i, c in enumerate(chunks) if c.get("choices") == []]
    last = len(chunks) - 1
    if include_usage:
        if usage != [last] or empty != [last]:
            out.append(f"{where}: stream_options.include_usage was asked, so exactly the last chunk must be the usage chunk"
                       f" (choices [], usage set); usage chunks at {usage}, choices [] at {empty} of {len(chunks)} chunks")
    elif usage or empty:
        out.append(f"{where}: stream_options.include_usage was not asked, yet chunk(s) {sorted(set(usage + empty))} of"
                   f" {len(chunks)} carry usage / choices []: {_short(chunks[(usage + empty)[0]])}")
    # Per choice (`n > 1` streams interleave several, each by its `index`): numbered from 0
    # without a gap, its first delta carries the role, and it finishes exactly once.
    per_choice = {}
    for i, c in enumerate(chunks):
        for ch in c.get("choices", []):
            if isinstance(ch, dict):
                per_choice.setdefault(ch.get("index"), []).append((i, ch))
    if sorted(per_choice, key=str) != list(range(len(per_choice))):
        out.append(f"{where}: choices must be numbered from 0 without a gap, got {sorted(per_choice, key=str)}")
    for index, entries in per_choice.items():
        finishes = [(i, ch.get("finish_reason")) for i, ch in entries if ch.get("finish_reason") is not None]
        if len(finishes) != 1:
            out.append(f"{where}: one finish_reason per choice expected, choice {index} has {finishes}")
        if entries[0][1].get("delta", {}).get("role") != "assistant":
            out.append(f"{where}: choice {index}'s first delta must carry role assistant: {_short(chunks[entries[0][0]])}")
    if not per_choice:
        out.append(f"{where}: no chunk carries a choice")


ANTHROPIC_DELTA_FOR_BLOCK = {
    "text": {"text_delta", "citations_delta"},
    "tool_use": {"input_json_delta"},
    "server_tool_use": {"input_json_delta"},
    "thinking": {"thinking_delta", "signature_delta"},
}


def check_anthropic_stream(reply, where, out):
    if reply.status != 200:
        out.append(f"{where}: status {reply.status}, expected 200: {reply.body[:300]!r}")
        return
    if reply.content_type != "text/event-stream":
        out.append(f"{where}: content-type {reply.headers.get('content-type')!r}, expected text/event-stream")
    events = parse_sse(reply.body, where, out)
    order = []
    open_block, block_types, seen_delta, seen_stop = None, [], False, False
    for i, (name, data) in enumerate(events):
        at = f"{where} event[{i}] {name}"
        try:
            payload = json.loads(data)
        except ValueError:
            out.append(f"{at}: data is not JSON: {data[:120]!r}")
            continue
        kind = payload.get("type") if isinstance(payload, dict) else None
        if name != kind:
            out.append(f"{at}: the event name {name!r} differs from the data's type {kind!r}")
        if kind == "ping":
            if payload != {"type": "ping"}:
                out.append(f"{at}: a ping carries only its type: {_short(payload)}")
            if not order:
                out.append(f"{at}: ping before message_start")
            continue
        if kind not in ANTHROPIC_EVENTS:
            out.append(f"{at}: {kind!r} is not a RawMessageStreamEvent type")
            continue
        out.extend(anthropic_findings(ANTHROPIC_EVENTS[kind], data, at))
        order.append(kind)
        if seen_stop:
            out.append(f"{at}: an event after message_stop")
        if kind == "message_start":
            if len(order) != 1:
                out.append(f"{at}: message_start must be the first event")
        elif len(order) == 1 or order[0] != "message_start":
            out.append(f"{at}: the stream must open with message_start")
        index = payload.get("index")
        if kind == "content_block_start":
            if open_block is not None:
                out.append(f"{at}: block {index} starts while block {open_block} is open")
            if index != len(block_types):
                out.append(f"{at}: block index {index}, expected {len(block_types)} (indexes count up from 0)")
            if seen_delta:
                out.append(f"{at}: a block starts after message_delta")
            open_block = index
            block_types.append((payload.get("content_block") or {}).get("type"))
        elif kind == "content_block_delta":
            if index != open_block:
                out.append(f"{at}: a delta for block {index} while the open block is {open_block}")
            elif isinstance(index, int) and 0 <= index < len(block_types):
                allowed = ANTHROPIC_DELTA_FOR_BLOCK.get(block_types[index])
                delta_type = (payload.get("delta") or {}).get("type")
                if allowed is not None and delta_type not in allowed:
                    out.append(f"{at}: a {delta_type} in a {block_types[index]} block")
        elif kind == "content_block_stop":
            if index != open_block:
                out.append(f"{at}: stop for block {index} while the open block is {open_block}")
            open_block = None
        elif kind == "message_delta":
            if open_block is not None:
                out.append(f"{at}: message_delta while block {open_block} is open")
            if seen_delta:
                out.append(f"{at}: a second message_delta")
            seen_delta = True
        elif kind == "message_stop":
            if not seen_delta:
                out.append(f"{at}: message_stop without a message_delta before it")
            seen_stop = True
    if not seen_stop:
        out.append(f"{where}: the stream has no message_stop (events: {order})")
    if not block_types:
        out.append(f"{where}: the stream has no content block")


def check_openai_error(reply, where, out, status=None):
    if reply.status < 400 or (status is not None and reply.status != status):
        out.append(f"{where}: status {reply.status}, expected {status or 'an error'}: {reply.body[:200]!r}")
    body = check_json(reply, where, out, expected_status=reply.status)
    if body is not None:
        out.extend(openai_schemas().findings("ErrorResponse", body, where))


def check_anthropic_error(reply, where, out, status=None):
    if reply.status < 400 or (status is not None and reply.status != status):
        out.append(f"{where}: status {reply.status}, expected {status or 'an error'}: {reply.body[:200]!r}")
    if check_json(reply, where, out, expected_status=reply.status) is not None:
        out.extend(anthropic_findings(AnthropicErrorResponse, reply.body, where))


def expect_cache(reply, expected, where, out):
    if reply.status == 200 and reply.cache != expected:
        out.append(f"{where}: x-aigw-cache {reply.cache!r}, expected {expected!r} (the case did not take the path it names)")


def report(out):
    assert not out, f"{len(out)} finding(s):\n  " + "\n  ".join(out)


# ---------------------------------------------------------------------------------------------
# Request builders.

def chat_body(model, prompt, stream=False, include_usage=None, **extra):
    body = {"model": model, "messages": [{"role": "user", "content": prompt}], **extra}
    if stream:
        body["stream"] = True
        if include_usage is not None:
            body["stream_options"] = {"include_usage": include_usage}
    return body


def messages_body(prompt, stream=False, model=CLAUDE, max_tokens=64, **extra):
    body = {"model": model, "max_tokens": max_tokens, "messages": [{"role": "user", "content": prompt}], **extra}
    if stream:
        body["stream"] = True
    return body


def chat(base, body):
    return call(base, "POST", CHAT, body, openai_headers())


def messages(base, body):
    return call(base, "POST", MESSAGES, body, anthropic_headers())


def check_chat(reply, body, where, out):
    if body.get("stream"):
        check_openai_stream(reply, where, out, include_usage=bool(body.get("stream_options", {}).get("include_usage")))
    else:
        check_openai_json(reply, where, out)


def check_messages(reply, body, where, out):
    (check_anthropic_stream if body.get("stream") else check_anthropic_json)(reply, where, out)


def usage_name(flag):
    return {None: "no stream_options", False: "include_usage false", True: "include_usage"}[flag]


# ---------------------------------------------------------------------------------------------
# OpenAI chat completions through the fake provider: live, hits, hits rendered across JSON and
# stream. GPT is answered by OpenAI as is; CLAUDE is translated to Anthropic and back.

MODELS = [pytest.param(GPT, id="openai"), pytest.param(CLAUDE, id="translated")]
USAGE_FLAGS = [pytest.param(None, id="plain"), pytest.param(True, id="include_usage")]


@pytest.mark.parametrize("model", MODELS)
def test_chat_json_miss_then_hit(gateway, model):
    out, prompt = [], unique("json")
    body = chat_body(model, prompt)
    for expected in ("miss", "hit"):
        reply = chat(gateway, body)
        where = f"POST {CHAT} {model} JSON {expected}"
        expect_cache(reply, expected, where, out)
        check_openai_json(reply, where, out)
    report(out)


@pytest.mark.parametrize("include_usage", USAGE_FLAGS)
@pytest.mark.parametrize("model", MODELS)
def test_chat_stream_miss_then_hit(gateway, model, include_usage):
    out, prompt = [], unique("stream")
    body = chat_body(model, prompt, stream=True, include_usage=include_usage)
    for expected in ("miss", "hit"):
        reply = chat(gateway, body)
        where = f"POST {CHAT} {model} stream ({usage_name(include_usage)}) {expected}"
        expect_cache(reply, expected, where, out)
        check_chat(reply, body, where, out)
    report(out)


@pytest.mark.parametrize("include_usage", USAGE_FLAGS)
@pytest.mark.parametrize("model", MODELS)
def test_chat_json_entry_replayed_as_stream(gateway, model, include_usage):
    out, prompt = [], unique("json-to-stream")
    stored = chat_body(model, prompt)
    reply = chat(gateway, stored)
    expect_cache(reply, "miss", f"POST {CHAT} {model} JSON miss", out)
    check_openai_json(reply, f"POST {CHAT} {model} JSON miss", out)
    body = chat_body(model, prompt, stream=True, include_usage=include_usage)
    reply = chat(gateway, body)
    where = f"POST {CHAT} {model} stream ({usage_name(include_usage)}) hit on a JSON entry"
    expect_cache(reply, "hit", where, out)
    check_chat(reply, body, where, out)
    report(out)


@pytest.mark.parametrize("include_usage", USAGE_FLAGS)
@pytest.mark.parametrize("model", MODELS)
def test_chat_stream_entry_replayed_as_json(gateway, model, include_usage):
    out, prompt = [], unique("stream-to-json")
    stored = chat_body(model, prompt, stream=True, include_usage=include_usage)
    reply = chat(gateway, stored)
    where = f"POST {CHAT} {model} stream ({usage_name(include_usage)}) miss"
    expect_cache(reply, "miss", where, out)
    check_chat(reply, stored, where, out)
    body = chat_body(model, prompt)
    reply = chat(gateway, body)
    where = f"POST {CHAT} {model} JSON hit on an entry stored by a stream ({usage_name(include_usage)})"
    expect_cache(reply, "hit", where, out)
    check_openai_json(reply, where, out)
    report(out)


@pytest.mark.parametrize("stored_with, asked_with", [
    pytest.param(True, None, id="stored-include_usage-replayed-plain"),
    pytest.param(None, True, id="stored-plain-replayed-include_usage"),
    pytest.param(True, False, id="stored-include_usage-replayed-include_usage-false"),
])
@pytest.mark.parametrize("model", MODELS)
def test_chat_stream_replay_follows_include_usage(gateway, model, stored_with, asked_with):
    """`stream_options` is not part of the key, so one entry answers both kinds of request; the
    replay must follow the request in hand, not the one that stored the entry."""
    out, prompt = [], unique("usage-replay")
    stored = chat_body(model, prompt, stream=True, include_usage=stored_with)
    reply = chat(gateway, stored)
    where = f"POST {CHAT} {model} stream ({usage_name(stored_with)}) miss"
    expect_cache(reply, "miss", where, out)
    check_chat(reply, stored, where, out)
    body = chat_body(model, prompt, stream=True, include_usage=asked_with)
    reply = chat(gateway, body)
    where = f"POST {CHAT} {model} stream ({usage_name(asked_with)}) hit on an entry stored with {usage_name(stored_with)}"
    expect_cache(reply, "hit", where, out)
    check_chat(reply, body, where, out)
    report(out)


@pytest.mark.parametrize("first_stream", [pytest.param(False, id="json-first"), pytest.param(True, id="stream-first")])
@pytest.mark.parametrize("include_usage", USAGE_FLAGS)
def test_chat_several_choices(gateway, first_stream, include_usage):
    """`n = 2`: the miss as the provider sent it, then the hit rendered in the other form and
    replayed in the same one."""
    out, prompt = [], unique("two-choices")
    forms = [True, False, True] if first_stream else [False, True, False]
    for number, stream in enumerate(forms):
        body = chat_body(GPT, prompt, stream=stream, include_usage=include_usage if stream else None, n=2)
        reply = chat(gateway, body)
        expected = "miss" if number == 0 else "hit"
        where = f"POST {CHAT} n=2 {'stream (' + usage_name(include_usage) + ')' if stream else 'JSON'} {expected}"
        expect_cache(reply, expected, where, out)
        check_chat(reply, body, where, out)
        if not stream and reply.status == 200:
            choices = json.loads(reply.body).get("choices", [])
            if [c.get("index") for c in choices] != [0, 1]:
                out.append(f"{where}: expected choices 0 and 1, got {[c.get('index') for c in choices]}")
    report(out)


# ---------------------------------------------------------------------------------------------
# Anthropic messages through the fake provider.

def test_messages_json_miss_then_hit(gateway):
    out, body = [], messages_body(unique("json"))
    for expected in ("miss", "hit"):
        reply = messages(gateway, body)
        where = f"POST {MESSAGES} JSON {expected}"
        expect_cache(reply, expected, where, out)
        check_anthropic_json(reply, where, out)
    report(out)


def test_messages_stream_miss_then_hit(gateway):
    out, body = [], messages_body(unique("stream"), stream=True)
    for expected in ("miss", "hit"):
        reply = messages(gateway, body)
        where = f"POST {MESSAGES} stream {expected}"
        expect_cache(reply, expected, where, out)
        check_anthropic_stream(reply, where, out)
    report(out)


@pytest.mark.parametrize("first_stream", [pytest.param(False, id="json-entry-replayed-as-stream"),
                                          pytest.param(True, id="stream-entry-replayed-as-json")])
def test_messages_entry_replayed_across_json_and_stream(gateway, first_stream):
    out, prompt = [], unique("across")
    for stream, expected in ((first_stream, "miss"), (not first_stream, "hit")):
        body = messages_body(prompt, stream=stream)
        reply = messages(gateway, body)
        where = f"POST {MESSAGES} {'stream' if stream else 'JSON'} {expected}"
        expect_cache(reply, expected, where, out)
        check_messages(reply, body, where, out)
    report(out)


# ---------------------------------------------------------------------------------------------
# Tool calls and max_tokens stops: the fake provider's control API scripts only errors and
# delays, so these answers come from a scripted provider on loopback (ScriptedUpstream) in front
# of a second gateway. The marker `[scenario:NAME]` in the last user message picks the answer;
# JSON or SSE follows the request's `stream`, OpenAI's usage chunk its `include_usage`.

def _openai_chunk(answer_id, model, choices, usage="absent"):
    chunk = {"id": answer_id, "object": "chat.completion.chunk", "created": 1732870001, "model": model,
             "service_tier": "default", "system_fingerprint": "fp_0705bf87c0", "choices": choices}
    if usage != "absent":
        chunk["usage"] = usage
    return chunk


OPENAI_USAGE = {"prompt_tokens": 52, "completion_tokens": 15, "total_tokens": 67,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                              "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}


def openai_scripted(scenario, model, stream, include_usage):
    answer_id = f"chatcmpl-{scenario}-{uuid.uuid4().hex[:10]}"
    if scenario == "tool-call":
        call_id = "call_Wx3kP9qR2sT7uV1yZ4aB6cD8"
        message = {"role": "assistant", "content": None, "refusal": None, "annotations": [],
                   "tool_calls": [{"id": call_id, "type": "function",
                                   "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}]}
        deltas = [{"role": "assistant", "content": None, "refusal": None,
                   "tool_calls": [{"index": 0, "id": call_id, "type": "function",
                                   "function": {"name": "get_weather", "arguments": ""}}]},
                  {"tool_calls": [{"index": 0, "function": {"arguments": "{\"city\":"}}]},
                  {"tool_calls": [{"index": 0, "function": {"arguments": "\"Paris\"}"}}]}]
        finish = "tool_calls"
    else:
        message = {"role": "assistant", "content": "The capital of France is", "refusal": None, "annotations": []}
        deltas = [{"role": "assistant", "content": "", "refusal": None}, {"content": "The capital"},
                  {"content": " of France is"}]
        finish = "length"
    if not stream:
        return "application/json", json.dumps({
            "id": answer_id, "object": "chat.completion", "created": 1732870002, "model": model,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": OPENAI_USAGE, "service_tier": "default", "system_fingerprint": "fp_0705bf87c0"}).encode()
    usage = None if include_usage else "absent"
    chunks = [_openai_chunk(answer_id, model, [{"index": 0, "delta": d, "logprobs": None, "finish_reason": None}], usage)
              for d in deltas]
    chunks.append(_openai_chunk(answer_id, model, [{"index": 0, "delta": {}, "logprobs": None, "finish_reason": finish}], usage))
    if include_usage:
        chunks.append(_openai_chunk(answer_id, model, [], OPENAI_USAGE))
    text = "".join(f"data: {json.dumps(c, separators=(',', ':'))}\n\n" for c in chunks) + "data: [DONE]\n\n"
    return "text/event-stream", text.encode()


def anthropic_scripted(scenario, model, stream):
    message_id = f"msg_{scenario.replace('-', '')}{uuid.uuid4().hex[:10]}"
    usage = {"input_tokens": 342, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0,
             "output_tokens": 54, "service_tier": "standard"}
    if scenario == "tool-call":
        content = [{"type": "text", "text": "I'll check the weather in Paris."},
                   {"type": "tool_use", "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "name": "get_weather",
                    "input": {"city": "Paris"}}]
        stop = "tool_use"
    else:
        content = [{"type": "text", "text": "The capital of France is"}]
        stop = "max_tokens"
    if not stream:
        return "application/json", json.dumps({
            "id": message_id, "type": "message", "role": "assistant", "model": model, "content": content,
            "stop_reason": stop, "stop_sequence": None, "usage": usage}).encode()
    events = [("message_start", {"type": "message_start", "message": {
        "id": message_id, "type": "message", "role": "assistant", "model": model, "content": [],
        "stop_reason": None, "stop_sequence": None, "usage": {**usage, "output_tokens": 1}}})]
    for index, block in enumerate(content):
        if block["type"] == "text":
            events.append(("content_block_start", {"type": "content_block_start", "index": index,
                                                   "content_block": {"type": "text", "text": ""}}))
            if index == 0:
                events.append(("ping", {"type": "ping"}))
            words = block["text"].split(" ")
            for n, word in enumerate(words):
                events.append(("content_block_delta", {"type": "content_block_delta", "index": index, "delta": {
                    "type": "text_delta", "text": word if n == 0 else " " + word}}))
        else:
            events.append(("content_block_start", {"type": "content_block_start", "index": index, "content_block": {
                "type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}}))
            for part in ("", "{\"city\": \"Par", "is\"}"):
                events.append(("content_block_delta", {"type": "content_block_delta", "index": index, "delta": {
                    "type": "input_json_delta", "partial_json": part}}))
        events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
    events.append(("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                                     "usage": {"output_tokens": 54}}))
    events.append(("message_stop", {"type": "message_stop"}))
    return "text/event-stream", "".join(f"event: {n}\ndata: {json.dumps(d)}\n\n" for n, d in events).encode()


SCENARIO = re.compile(r"\[scenario:([a-z-]+)\]")


class ScriptedUpstream:
    """OpenAI and Anthropic on 127.0.0.1, answering by scenario (see above)."""

    def __init__(self):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
                last = (body.get("messages") or [{}])[-1].get("content", "")
                if isinstance(last, list):
                    last = " ".join(part.get("text", "") for part in last if isinstance(part, dict))
                match = SCENARIO.search(last or "")
                scenario = match.group(1) if match else "length"
                stream = bool(body.get("stream"))
                status = 200
                if self.path.endswith(CHAT):
                    include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
                    content_type, data = openai_scripted(scenario, body.get("model", "gpt"), stream, include_usage)
                elif self.path.endswith(MESSAGES):
                    content_type, data = anthropic_scripted(scenario, body.get("model", "claude"), stream)
                else:
                    status, content_type, data = 404, "application/json", b'{"error": "no such route"}'
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def scripted_gateway():
    upstream = ScriptedUpstream()
    with tempfile.TemporaryDirectory() as directory:
        server = Gateway(upstream, directory, name="scripted")
        try:
            yield server.base
        finally:
            code = server.stop()
            upstream.close()
        assert code == 0, f"aigw serve (scripted upstream) exited with {code} on SIGTERM"


SCENARIOS = ["tool-call", "length"]
TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Current weather for a city.",
                                           "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                                          "required": ["city"]}}}]
ANTHROPIC_TOOLS = [{"name": "get_weather", "description": "Current weather for a city.",
                    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]


def scripted_chat_body(model, scenario, prompt, stream):
    extra = {"tools": TOOLS} if scenario == "tool-call" else {"max_tokens": 5}
    return chat_body(model, f"[scenario:{scenario}] {prompt}", stream=stream, include_usage=True if stream else None, **extra)


def scripted_messages_body(scenario, prompt, stream):
    extra = {"tools": ANTHROPIC_TOOLS} if scenario == "tool-call" else {}
    return messages_body(f"[scenario:{scenario}] {prompt}", stream=stream,
                         max_tokens=5 if scenario == "length" else 256, **extra)


def test_scripted_upstream_answers_conform():
    """The scripted answers are themselves valid, so what the gateway makes of them is on it."""
    out = []
    for scenario in SCENARIOS:
        for stream in (False, True):
            for include_usage in ((False, True) if stream else (False,)):
                content_type, data = openai_scripted(scenario, GPT, stream, include_usage)
                check_chat(Reply(200, {"content-type": content_type}, data),
                           {"stream": stream, "stream_options": {"include_usage": include_usage}},
                           f"scripted OpenAI {scenario} stream={stream} include_usage={include_usage}", out)
            content_type, data = anthropic_scripted(scenario, CLAUDE, stream)
            check_messages(Reply(200, {"content-type": content_type}, data), {"stream": stream},
                           f"scripted Anthropic {scenario} stream={stream}", out)
    report(out)


@pytest.mark.parametrize("first_stream", [pytest.param(False, id="json-first"), pytest.param(True, id="stream-first")])
@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("model", MODELS)
def test_chat_tool_calls_and_length_stops(scripted_gateway, model, scenario, first_stream):
    """Miss, hit as stored, and hit rendered in the other form."""
    out, prompt = [], unique(scenario)
    for stream, expected in ((first_stream, "miss"), (first_stream, "hit"), (not first_stream, "hit")):
        body = scripted_chat_body(model, scenario, prompt, stream)
        reply = chat(scripted_gateway, body)
        where = f"POST {CHAT} {model} {scenario} {'stream (include_usage)' if stream else 'JSON'} {expected}"
        expect_cache(reply, expected, where, out)
        check_chat(reply, body, where, out)
        out.extend(_check_outcome(reply, body, scenario, where))
    report(out)


def _check_outcome(reply, body, scenario, where):
    """The scenario's finish reason (and tool call) survived the rendering."""
    if reply.status != 200:
        return []
    try:
        if body.get("stream"):
            chunks = [json.loads(data) for _, data in parse_sse(reply.body, where, []) if data != "[DONE]"]
            finishes = [ch.get("finish_reason") for c in chunks for ch in c.get("choices", []) if ch.get("finish_reason")]
            tools = [t for c in chunks for ch in c.get("choices", []) for t in (ch.get("delta", {}).get("tool_calls") or [])]
        else:
            choice = json.loads(reply.body)["choices"][0]
            finishes, tools = [choice.get("finish_reason")], choice["message"].get("tool_calls") or []
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
        return [f"{where}: cannot read the finish reason ({error!r}); see the schema findings"]
    expected = "tool_calls" if scenario == "tool-call" else "length"
    problems = []
    if finishes != [expected]:
        problems.append(f"{where}: finish_reason {finishes}, expected [{expected!r}]")
    if (scenario == "tool-call") != bool(tools):
        problems.append(f"{where}: tool calls {_short(tools)} for scenario {scenario}")
    return problems


@pytest.mark.parametrize("first_stream", [pytest.param(False, id="json-first"), pytest.param(True, id="stream-first")])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_messages_tool_use_and_max_tokens_stops(scripted_gateway, scenario, first_stream):
    out, prompt = [], unique(scenario)
    for stream, expected in ((first_stream, "miss"), (first_stream, "hit"), (not first_stream, "hit")):
        body = scripted_messages_body(scenario, prompt, stream)
        reply = messages(scripted_gateway, body)
        where = f"POST {MESSAGES} {scenario} {'stream' if stream else 'JSON'} {expected}"
        expect_cache(reply, expected, where, out)
        check_messages(reply, body, where, out)
    report(out)


# ---------------------------------------------------------------------------------------------
# Errors: the gateway's own, and the provider's passed through.

@pytest.mark.parametrize("case", ["malformed-json", "unknown-key", "unknown-model", "untranslatable-parameter"])
def test_chat_gateway_errors(gateway, case):
    out, where = [], f"POST {CHAT} {case}"
    if case == "malformed-json":
        reply, status = call(gateway, "POST", CHAT, raw=b'{"model": "gpt-4o-mini", "messages": [', headers=openai_headers()), 400
    elif case == "unknown-key":
        reply, status = call(gateway, "POST", CHAT, chat_body(GPT, "hi"), openai_headers("not-a-gateway-key")), 401
    elif case == "unknown-model":
        reply, status = chat(gateway, chat_body("llama-9-nonexistent", "hi")), 404
    else:
        reply, status = chat(gateway, chat_body(CLAUDE, "hi", n=2)), 400
    check_openai_error(reply, where, out, status)
    report(out)


@pytest.mark.parametrize("case", ["malformed-json", "unknown-key", "unknown-model"])
def test_messages_gateway_errors(gateway, case):
    out, where = [], f"POST {MESSAGES} {case}"
    if case == "malformed-json":
        reply, status = call(gateway, "POST", MESSAGES, raw=b'{"model": "claude-haiku-4-5", "max_tokens": ',
                             headers=anthropic_headers()), 400
    elif case == "unknown-key":
        reply, status = call(gateway, "POST", MESSAGES, messages_body("hi"), anthropic_headers("not-a-gateway-key")), 401
    else:
        reply, status = messages(gateway, messages_body("hi", model="llama-9-nonexistent")), 404
    check_anthropic_error(reply, where, out, status)
    report(out)


PROVIDER_ERRORS = [
    pytest.param({"kind": "error", "status": 400, "type": "invalid_request_error", "message": "temperature out of range"},
                 400, 1, id="error-400"),
    # Enough for the gateway's retries; the conftest fixture drops what is left.
    pytest.param({"kind": "rate_limited", "retry_after_seconds": 0}, 429, 10, id="rate_limited"),
    pytest.param({"kind": "server_error", "status": 500}, 500, 10, id="server_error"),
]


@pytest.mark.parametrize("stream", [pytest.param(False, id="json"), pytest.param(True, id="stream")])
@pytest.mark.parametrize("reply_kind, status, count", PROVIDER_ERRORS)
@pytest.mark.parametrize("api", ["openai", "translated", "anthropic"])
def test_provider_errors_pass_through(gateway, fake, api, reply_kind, status, count, stream):
    out = []
    route = MESSAGES if api in ("translated", "anthropic") else CHAT
    fake.enqueue([reply_kind] * count, route=route)
    prompt = unique("provider-error")
    if api == "anthropic":
        reply = messages(gateway, messages_body(prompt, stream=stream))
        check_anthropic_error(reply, f"POST {MESSAGES} {reply_kind['kind']} stream={stream}", out, status)
    else:
        reply = chat(gateway, chat_body(GPT if api == "openai" else CLAUDE, prompt, stream=stream, include_usage=True))
        check_openai_error(reply, f"POST {CHAT} {api} {reply_kind['kind']} stream={stream}", out, status)
    report(out)


# ---------------------------------------------------------------------------------------------
# Model lists.

def test_models_openai_shape(gateway):
    out = []
    reply = call(gateway, "GET", "/v1/models", headers=openai_headers())
    body = check_json(reply, "GET /v1/models", out)
    if body is not None:
        out.extend(openai_schemas().findings("ListModelsResponse", body, "GET /v1/models"))
        if not body.get("data"):
            out.append("GET /v1/models: no models listed")
    report(out)


def test_models_anthropic_shape(gateway):
    out = []
    reply = call(gateway, "GET", "/v1/models", headers=anthropic_headers())
    body = check_json(reply, "GET /v1/models (anthropic-version)", out)
    if body is not None:
        out.extend(anthropic_findings(AnthropicModelList, reply.body, "GET /v1/models (anthropic-version)"))
        if not body.get("data"):
            out.append("GET /v1/models (anthropic-version): no models listed")
    report(out)


def test_model_retrieve_in_both_shapes(gateway):
    out = []
    reply = call(gateway, "GET", "/v1/models/gpt-4o-mini", headers=openai_headers())
    body = check_json(reply, "GET /v1/models/gpt-4o-mini", out)
    if body is not None:
        out.extend(openai_schemas().findings("Model", body, "GET /v1/models/gpt-4o-mini"))
    reply = call(gateway, "GET", "/v1/models/claude-3-5-haiku-20241022", headers=anthropic_headers())
    if reply.status != 200:
        out.append(f"GET /v1/models/claude-3-5-haiku-20241022 (anthropic-version): status {reply.status}")
    else:
        out.extend(anthropic_findings(ModelInfo, reply.body, "GET /v1/models/claude-3-5-haiku-20241022 (anthropic-version)"))
    check_openai_error(call(gateway, "GET", "/v1/models/llama-9-nonexistent", headers=openai_headers()),
                       "GET /v1/models/llama-9-nonexistent", out, 404)
    check_anthropic_error(call(gateway, "GET", "/v1/models/llama-9-nonexistent", headers=anthropic_headers()),
                          "GET /v1/models/llama-9-nonexistent (anthropic-version)", out, 404)
    report(out)


@pytest.mark.parametrize("case", ["unknown-path", "wrong-method"])
def test_unserved_routes_answer_in_the_callers_shape(gateway, case):
    out = []
    if case == "unknown-path":
        check_openai_error(call(gateway, "POST", "/v1/no-such-endpoint", chat_body(GPT, "hi"), openai_headers()),
                           "POST /v1/no-such-endpoint", out, 404)
        check_anthropic_error(call(gateway, "POST", MESSAGES + "/no-such", messages_body("hi"), anthropic_headers()),
                              f"POST {MESSAGES}/no-such", out, 404)
    else:
        check_openai_error(call(gateway, "GET", CHAT, headers=openai_headers()), f"GET {CHAT}", out, 405)
        check_anthropic_error(call(gateway, "GET", MESSAGES, headers=anthropic_headers()), f"GET {MESSAGES}", out, 405)
    report(out)


# ---------------------------------------------------------------------------------------------
# The fake provider's own answers, and the readers themselves.

def test_fake_provider_answers_conform(fake):
    """What the gateway is given is valid: findings on the gateway's answers are the gateway's."""
    out = []
    for include_usage in (None, True):
        for stream in (False, True):
            body = chat_body(GPT, unique("fake"), stream=stream, include_usage=include_usage)
            check_chat(call(fake.base, "POST", CHAT, body, openai_headers()), body, f"fake {CHAT} stream={stream} {usage_name(include_usage)}", out)
    for stream in (False, True):
        body = messages_body(unique("fake"), stream=stream)
        check_messages(call(fake.base, "POST", MESSAGES, body, anthropic_headers()), body, f"fake {MESSAGES} stream={stream}", out)
    for kind in ("error", "rate_limited", "server_error"):
        fake.enqueue([{"kind": kind}], route=CHAT)
        check_openai_error(call(fake.base, "POST", CHAT, chat_body(GPT, "x"), openai_headers()), f"fake {CHAT} {kind}", out)
        fake.enqueue([{"kind": kind}], route=MESSAGES)
        check_anthropic_error(call(fake.base, "POST", MESSAGES, messages_body("x"), anthropic_headers()), f"fake {MESSAGES} {kind}", out)
    report(out)


def test_readers_are_strict():
    """The readers reject what they must: null where the schema has no null, a missing required
    field, an undeclared field, a wrong enum value, a string for a number (Anthropic)."""
    good = {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m", "system_fingerprint": "fp",
            "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                         "message": {"role": "assistant", "content": "hi", "refusal": None}}]}
    schemas = openai_schemas()
    assert schemas.findings("CreateChatCompletionResponse", good, "good") == []
    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "usage": None,
             "choices": [{"index": 0, "delta": {"content": "x"}, "logprobs": None, "finish_reason": None}]}
    assert schemas.findings("CreateChatCompletionStreamResponse", chunk, "chunk") == [], "nullable: true admits null"
    bad = [
        ({**good, "system_fingerprint": None}, "$.system_fingerprint"),
        ({k: v for k, v in good.items() if k != "created"}, "created"),
        ({**good, "object": "chat.completions"}, "$.object"),
        ({**good, "extra_field": 1}, "$.extra_field"),
        ({**good, "choices": [{**good["choices"][0], "finish_reason": "end_turn"}]}, "$.choices[0].finish_reason"),
        ({**good, "choices": [{**good["choices"][0], "message": {"role": "assistant", "content": None}}]}, "refusal"),
    ]
    for instance, mention in bad:
        findings = schemas.findings("CreateChatCompletionResponse", instance, "bad")
        assert findings and mention in findings[0], (mention, findings)
    assert schemas.findings("CreateChatCompletionStreamResponse", {**chunk, "choices": [{**chunk["choices"][0], "delta": None}]}, "x")

    message = {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude", "content": [{"type": "text", "text": "hi"}],
               "stop_reason": "end_turn", "stop_sequence": None, "usage": {"input_tokens": 1, "output_tokens": 1}}
    assert anthropic_findings(Message, json.dumps(message), "good") == []
    for instance, mention in [
        ({**message, "usage": {"input_tokens": "1", "output_tokens": 1}}, "$.usage.input_tokens"),
        ({**message, "stop_reason": "stop"}, "$.stop_reason"),
        ({**message, "content": None}, "$.content"),
        ({k: v for k, v in message.items() if k != "role"}, "$.role"),
        ({**message, "system_fingerprint": "fp"}, "$.system_fingerprint"),
        ({**message, "content": [{"type": "text", "text": "hi", "logprobs": None}]}, "$.content[0].logprobs"),
    ]:
        findings = anthropic_findings(Message, json.dumps(instance), "bad")
        assert findings and mention in findings[0], (mention, findings)
    error = {"error": {"message": "m", "type": "invalid_request_error", "param": None, "code": None}}
    assert schemas.findings("ErrorResponse", {**error, "request_id": "aigw_1"}, "error") == [], "a documented extension"
    assert schemas.findings("ErrorResponse", {**error, "trace": "x"}, "error")
    assert schemas.findings("ErrorResponse", {"error": {**error["error"], "request_id": "aigw_1"}}, "error")
    assert anthropic_findings(MessageTokensCount, '{"input_tokens": 12}', "count") == []
    assert anthropic_findings(MessageTokensCount, '{"input_tokens": null}', "count")
