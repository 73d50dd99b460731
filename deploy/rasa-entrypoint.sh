#!/bin/sh
# Entry point of the Rasa image (Dockerfile.rasa): the action server's secret is derived from
# the shared keys (created beforehand by `python -m store.keys_cli init`), then Rasa starts.
# Extra arguments go to `rasa run`; ACTION_SERVER_URL must be set (endpoints.yml reads it).
set -eu
ACTION_SERVER_TOKEN="$(python -m store.keys_cli action-token)"
export ACTION_SERVER_TOKEN
exec rasa run -i 0.0.0.0 -p 5005 -m models/reflectie.tar.gz \
    --credentials credentials.yml --endpoints endpoints.yml "$@"
