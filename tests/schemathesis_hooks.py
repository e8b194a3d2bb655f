"""Schemathesis checks of kinerja-server beyond the built-in ones (loaded by `make server-checks`
through `SCHEMATHESIS_HOOKS`): every error is an RFC 9457 problem."""

from __future__ import annotations

import json

import schemathesis

PROBLEM_PREFIX = "urn:kinerja:problem:"


@schemathesis.check
def problem_json(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """A 4xx or 5xx answer is `application/problem+json` with a stable `type`, a `title`, the
    same `status` as the response and a non-empty `detail`."""
    status = response.status_code
    if status < 400:
        return
    content_type = ";".join(response.headers.get("content-type", []))
    if not content_type.startswith("application/problem+json"):
        raise AssertionError(f"{status} answered with Content-Type `{content_type}`, not problem+json")
    body = json.loads(response.content)
    if not str(body.get("type", "")).startswith(PROBLEM_PREFIX):
        raise AssertionError(f"problem type {body.get('type')!r} is not under {PROBLEM_PREFIX}")
    if body.get("status") != status:
        raise AssertionError(f"problem status {body.get('status')!r} differs from the response's {status}")
    if not body.get("title") or not body.get("detail"):
        raise AssertionError(f"problem without title or detail: {body}")
