#!/usr/bin/env python3
"""Regenerates Tests/sdk/schemas/openai-openapi.pruned.json from a checkout of the public
openai/openai-openapi repository at a given commit (see docs/schemas.md).

    scripts/update-schemas.py PATH/TO/openai-openapi COMMIT

Reads `openapi.json` at COMMIT with `git show` (the checkout's work tree is not used, so a bare
clone works), keeps the component schemas reachable from ROOTS (the closure of their `$ref`s),
drops documentation-only keywords (description, examples, x-oaiMeta) and writes the result with
the commit it came from. Schemas are otherwise copied unchanged: `nullable`, 3.1 type lists and
`anyOf [..., {"type": "null"}]` stay as OpenAI wrote them, and the test module interprets them.
Only the standard library is used.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "Tests", "sdk", "schemas", "openai-openapi.pruned.json")
SOURCE_FILE = "openapi.json"

# What the conformance suite validates today, plus what the next issues will need (Responses,
# embeddings), so that adding those endpoints does not need a schema bump.
ROOTS = [
    "CreateChatCompletionResponse",
    "CreateChatCompletionStreamResponse",
    "ErrorResponse",
    "ListModelsResponse",
    "Model",
    "Response",
    "ResponseStreamEvent",
    "CreateEmbeddingResponse",
]

DOCUMENTATION_KEYWORDS = {"description", "example", "examples", "x-oaiMeta"}
# Keywords whose value maps names to schemas (the names are data, not keywords).
SCHEMA_MAPS = {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
REF = re.compile(r"^#/components/schemas/(.+)$")


def strip_documentation(schema):
    if isinstance(schema, list):
        return [strip_documentation(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key in DOCUMENTATION_KEYWORDS:
            continue
        if key in SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: strip_documentation(sub) for name, sub in value.items()}
        elif key in ("enum", "const", "default"):
            out[key] = value
        else:
            out[key] = strip_documentation(value)
    return out


def references(schema):
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "$ref" and isinstance(value, str):
                match = REF.match(value)
                if not match:
                    raise SystemExit(f"unsupported $ref {value}")
                yield match.group(1)
            else:
                yield from references(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from references(item)


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    checkout, commit = argv[1], argv[2]
    commit = subprocess.run(["git", "-C", checkout, "rev-parse", "--verify", commit + "^{commit}"],
                            check=True, capture_output=True, text=True).stdout.strip()
    text = subprocess.run(["git", "-C", checkout, "show", f"{commit}:{SOURCE_FILE}"],
                          check=True, capture_output=True).stdout
    document = json.loads(text)
    schemas = document["components"]["schemas"]
    kept, todo = {}, list(ROOTS)
    while todo:
        name = todo.pop()
        if name in kept:
            continue
        if name not in schemas:
            raise SystemExit(f"{name} is not in components.schemas at {commit}")
        kept[name] = strip_documentation(schemas[name])
        todo.extend(references(schemas[name]))
    pruned = {
        "x-pruned-from": {
            "repository": "openai/openai-openapi",
            "commit": commit,
            "file": SOURCE_FILE,
            "openapi": document.get("openapi"),
            "info.version": document.get("info", {}).get("version"),
            "roots": ROOTS,
            "generator": "scripts/update-schemas.py",
        },
        "openapi": document.get("openapi"),
        "components": {"schemas": dict(sorted(kept.items()))},
    }
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w") as file:
        json.dump(pruned, file, indent=1, sort_keys=False, ensure_ascii=False)
        file.write("\n")
    print(f"{OUTPUT}: {len(kept)} schemas from {commit} (OpenAPI {document.get('openapi')}, "
          f"API {document.get('info', {}).get('version')})")


if __name__ == "__main__":
    main(sys.argv)
