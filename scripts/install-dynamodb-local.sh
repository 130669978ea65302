#!/usr/bin/env bash
# Installs DynamoDB Local (AWS's own engine, shipped inside the npm package amplify-dynamodb-simulator) under
# .cache/dynamodb-local/package/emulator, where tests/servers.py looks for it. Idempotent: does nothing when the
# JAR is already there.
set -euo pipefail

VERSION="2.9.30"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/.cache/dynamodb-local"

if [[ -f "$DEST/package/emulator/DynamoDBLocal.jar" ]]; then
    echo "DynamoDB Local already installed in $DEST/package/emulator"
    exit 0
fi

mkdir -p "$DEST"
cd "$DEST"
rm -f amplify-dynamodb-simulator-*.tgz
npm pack --silent "amplify-dynamodb-simulator@$VERSION" >/dev/null
tar xzf amplify-dynamodb-simulator-*.tgz
test -f package/emulator/DynamoDBLocal.jar
echo "DynamoDB Local installed in $DEST/package/emulator"
