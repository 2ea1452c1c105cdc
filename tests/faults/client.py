"""A small HTTP client for the fault tests, which call a real server from many threads: one
connection per call, JSON in and out, and a connection failure returned rather than raised."""

import http.client
import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Answer:
    status: int | None  # None when no answer came: the connection failed
    headers: dict[str, str] = field(default_factory=dict)
    body: dict | list | None = None
    error: str = ""


def call(
    base: tuple[str, int],
    method: str,
    path: str,
    *,
    token: str | None = None,
    body: dict | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> Answer:
    connection = http.client.HTTPConnection(*base, timeout=timeout)
    try:
        connection.request(
            method,
            path,
            body=None if body is None else json.dumps(body),
            headers={
                **({"Authorization": f"Token {token}"} if token else {}),
                "Content-Type": "application/json",
                "Accept": "application/json",
                **(headers or {}),
            },
        )
        response = connection.getresponse()
        content = response.read()
    except (OSError, http.client.HTTPException) as error:
        return Answer(status=None, error=f"{type(error).__name__}: {error}")
    finally:
        connection.close()
    try:
        parsed = json.loads(content) if content else None
    except ValueError:
        parsed = None  # an error page
    return Answer(status=response.status, headers=dict(response.getheaders()), body=parsed)
