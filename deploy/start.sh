#!/usr/bin/env bash
# Starts the assistant on this machine: keys, action server, Rasa server. `make run` and the
# security tests (tests/security/) use this script; it runs in the foreground until Ctrl-C.
# `deploy/start.sh shell` chats in the terminal instead (`make shell`).
#
#   RASA_HOST       interface of the Rasa server (default 127.0.0.1; 0.0.0.0 for all)
#   RASA_PORT       its port (5005); ACTIONS_PORT: the action server's port (5055, loopback only)
#   RASA_API_TOKEN  empty (default): Rasa's HTTP API stays off; set: on, with this token
#   VAR_DIR         databases, keys, spool and the action server's log (default var/)
#   MODEL_DIR       trained model folder (models/); CREDENTIALS, ENDPOINTS: the YAML files
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077

PY=${PY:-.venv/bin/python}
RASA=${RASA:-.venv/bin/rasa}
RASA_HOST=${RASA_HOST:-127.0.0.1}
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
export VAR_DIR=${VAR_DIR:-var}
export RASA_TELEMETRY_ENABLED=false  # nothing about the conversations leaves the machine
mkdir -p "$VAR_DIR"

# Keys are made once, here, before either server starts; a lost or replaced key file stops us.
"$PY" -m store.keys_cli init >/dev/null
"$PY" -m store.keys_cli check
export ACTION_SERVER_TOKEN; ACTION_SERVER_TOKEN=$("$PY" -m store.keys_cli action-token)
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-http://127.0.0.1:$ACTIONS_PORT/webhook}

SANIC_HOST=127.0.0.1 "$PY" -m actions -p "$ACTIONS_PORT" >>"$VAR_DIR/actions.log" 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true' EXIT

if [ "${1:-run}" = shell ]; then
    "$RASA" shell -m "${MODEL_DIR:-models}" --endpoints "${ENDPOINTS:-endpoints.yml}"
    exit
fi
api=()
if [ -n "${RASA_API_TOKEN:-}" ]; then
    api=(--enable-api --auth-token "$RASA_API_TOKEN")
fi
"$RASA" run -i "$RASA_HOST" -p "$RASA_PORT" -m "${MODEL_DIR:-models}" "${api[@]}" \
    --credentials "${CREDENTIALS:-credentials.yml}" --endpoints "${ENDPOINTS:-endpoints.yml}"
