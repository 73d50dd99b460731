"""HTTP requests for tests and the benchmark: (status, decoded body), errors included."""
import json
import urllib.error
import urllib.request
from typing import Any, Dict, Optional, Tuple


def request(method: str, url: str, payload: Any = None,
            headers: Optional[Dict[str, str]] = None, timeout: float = 120) -> Tuple[int, Any]:
    """One HTTP request with a JSON body (``bytes`` are sent as they are).

    Returns (status, body): the body decoded from JSON, the text when it is not JSON, None when
    empty. An HTTP error status is returned like any other; connection errors are raised."""
    if payload is None or isinstance(payload, bytes):
        data = payload
    else:
        data = json.dumps(payload).encode()
    prepared = urllib.request.Request(
        url, data=data, method=method,
        headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(prepared, timeout=timeout) as answer:
            status, raw = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    try:
        return status, json.loads(raw or b"null")
    except ValueError:
        return status, raw.decode(errors="replace")


def post_json(url: str, payload: Any, timeout: float = 120) -> Tuple[int, Any]:
    """POSTs ``payload`` as JSON (or raw ``bytes``); returns (status, decoded body)."""
    return request("POST", url, payload, timeout=timeout)
