#!/usr/bin/env bash
# The official OpenAI and Anthropic Python SDKs against `aigw serve` (Tests/sdk). Creates the
# virtual environment .venv with the pinned SDK versions on first use; needs the debug build
# (`swift build`) of aigw and AIGatewayFakeProvider.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=Tests/sdk/requirements.txt
if ! cmp -s "$requirements" .venv/.requirements 2>/dev/null; then
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" .venv/.requirements
fi
exec .venv/bin/python -m pytest -q -p no:cacheprovider Tests/sdk "$@"
