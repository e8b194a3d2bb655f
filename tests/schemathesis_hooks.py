"""Schemathesis checks of kinerja-server beyond the built-in ones (loaded by `make server-checks`
through `SCHEMATHESIS_HOOKS`): every error is an RFC 9457 problem, and a PDF answer (of
`/v1/report`) is a PDF file."""

from __future__ import annotations

import json
import re

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


PDF_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
PDF_XREF_AT = re.compile(rb"xref\b|\d+\s+\d+\s+obj\b")


def pdf_problems(data: bytes) -> list[str]:
    """What makes `data` no PDF file, read as a reader starts one: the `%PDF-1.x` header, the
    trailer's `startxref <offset>` and `%%EOF` at the end, and at that offset a cross-reference
    table (`xref`) or stream (`<n> <g> obj`). Empty when it is one."""
    problems = []
    if not re.match(rb"%PDF-[12]\.\d", data):
        problems.append(f"does not start with %PDF-1.x: {data[:16]!r}")
    end = PDF_STARTXREF.search(data[-1024:])
    if end is None:
        problems.append(f"does not end with startxref <offset> %%EOF: {data[-48:]!r}")
    else:
        offset = int(end.group(1))
        if not PDF_XREF_AT.match(data, offset):
            at = data[offset : offset + 16]
            problems.append(f"startxref {offset} points at no cross-reference: {at!r}")
    return problems


@schemathesis.deserializer("application/pdf")
def pdf(ctx: schemathesis.DeserializationContext, response: schemathesis.Response) -> str:
    """A PDF answer as the document types it (a string of media type `application/pdf`, its
    bytes as Latin-1 characters), once it is checked to be a PDF file."""
    data = response.content
    problems = pdf_problems(data)
    if problems:
        raise ValueError(f"the application/pdf answer is no PDF file: {'; '.join(problems)}")
    return data.decode("latin-1")
