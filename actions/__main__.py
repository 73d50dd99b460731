"""Start the action server: `python -m actions [-p 5055]`.

It answers only the Rasa server: every request but `/health` must carry the shared secret
in `X-Action-Token`, derived from the keys (`python -m store.keys_cli action-token`;
the Rasa server sends it from `ACTION_SERVER_TOKEN`, see endpoints.yml). A wrong or missing
secret gets 401 and nothing runs. It listens on `SANIC_HOST` (default 127.0.0.1), refuses to
start without keys, with keys that cannot read the stored data, or without the language
pipeline (`make setup` builds it), creates files owner-only, keeps people's words out of its
log, and its error answers never echo the request.

The actions need spaCy but not TensorFlow. spaCy's thinc imports TensorFlow whenever it is
installed (Rasa brings it), which costs about 300 MB per action server; this entry point
keeps it out.
"""
import hmac
import logging
import os
import sys

# `import tensorflow` now raises ImportError (a None entry blocks it; typeshed allows only modules)
sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]

from rasa_sdk import utils  # noqa: E402
from rasa_sdk.endpoint import create_app, create_argument_parser  # noqa: E402
from sanic import Sanic, response  # noqa: E402
from sanic.request import Request  # noqa: E402

from actions.base import run_actions_off_the_loop  # noqa: E402
from actions.language import PipelineMissing, check_pipeline  # noqa: E402
from core.keys import KeysMissing, action_token, load_keys  # noqa: E402
from core.redaction import install as redact_logs  # noqa: E402
from core.settings import Settings  # noqa: E402
from store.repository import get_store  # noqa: E402
from store.tracker_events import KeyMismatch  # noqa: E402

logger = logging.getLogger("actions")

TOKEN_HEADER = "X-Action-Token"
OPEN_PATHS = {"/health"}


def secure(app: Sanic, token: str) -> Sanic:
    """Adds the shared-secret check and an error answer that reveals nothing."""

    @app.middleware("request")
    async def require_token(request: Request):
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(given.encode(), token.encode()):
            return response.json({"error": "unauthorized"}, status=401)
        return None

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception):
        logger.error("Action request %s failed (%s)", request.path, type(exception).__name__)
        return response.json({"error": "the action failed"}, status=500)

    return app


def main() -> None:
    args = create_argument_parser().parse_args()
    os.umask(0o077)
    redact_logs()
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    try:
        check_pipeline()
        keys = load_keys(Settings.from_env())
        get_store().check_keys()
    except (PipelineMissing, KeysMissing, KeyMismatch) as error:
        sys.exit(f"Action server not started: {error}")
    except Exception as error:  # noqa: BLE001 - database down: the store spools meanwhile
        logger.warning("Could not check the keys against the reflection log now (%s)",
                       type(error).__name__)
    run_actions_off_the_loop()  # the reflection store's database calls block
    app = secure(create_app(args.actions or "actions", cors_origins=None), action_token(keys))
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    logger.info("Action server on http://%s:%s", host, args.port)
    app.run(host, args.port, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
