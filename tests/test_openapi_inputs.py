"""The OpenAPI document types the request bodies and parameters as the server reads them.

A client generated from the document (PHP, Java) must be able to send every plan and roster the
server accepts, and should learn from the document, not from a 422, what it refuses: the plan
of `/v1/evaluate` and `/v1/compare` is the core's plan schema (`Plan.json_schema()`, also
`schema/plan.schema.json` and `kinerja schema plan`), not any object; `/v1/distribution`'s
entries are strings, pairs or objects; languages, periods, delimiters and rulesets are typed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from server_process import ROOT, Server, running_server

import kinerja as kj

DOC_URI = "urn:kinerja:openapi"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server() as s:
        yield s


@pytest.fixture(scope="module")
def doc(server: Server) -> Any:
    with urllib.request.urlopen(f"{server.url}/openapi.json") as r:
        return json.load(r)


def validator(doc: Any, schema: Any) -> Draft202012Validator:
    """A validator of `schema`, whose references (`#/components/schemas/…`) resolve in `doc`."""
    registry: Registry[Any] = Registry().with_resource(
        DOC_URI, Resource.from_contents(doc, default_specification=DRAFT202012)
    )
    if "$ref" in schema:
        schema = {**schema, "$ref": DOC_URI + schema["$ref"]}
    return Draft202012Validator(schema, registry=registry)


def component(doc: Any, name: str) -> Draft202012Validator:
    return validator(doc, {"$ref": f"#/components/schemas/{name}"})


def post(server: Server, path: str, body: Any) -> int:
    req = urllib.request.Request(
        server.url + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req) as r:
            return int(r.status)
    except urllib.error.HTTPError as e:
        return int(e.code)


def plans_in(value: Any) -> Iterator[Any]:
    """Every object shaped like a plan (an `employee` object and a `year`) inside `value`."""
    if isinstance(value, dict):
        if isinstance(value.get("employee"), dict) and "year" in value:
            yield value
        for v in value.values():
            yield from plans_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from plans_in(v)


def accepted_plans() -> list[tuple[str, Any]]:
    """The plans of the repository's test data that the plan reader accepts."""
    found = []
    for path in sorted((ROOT / "testdata").rglob("*.json")):
        for i, plan in enumerate(plans_in(json.loads(path.read_text(encoding="utf-8")))):
            try:
                kj.Plan.from_json(json.dumps(plan))
            except kj.KinerjaError:
                continue
            found.append((f"{path.relative_to(ROOT)}#{i}", plan))
    return found


def test_every_request_example_matches_its_schema(doc: Any) -> None:
    checked = 0
    for path, item in doc["paths"].items():
        content = item.get("post", {}).get("requestBody", {}).get("content", {})
        media = content.get("application/json")
        if media is None or "example" not in media:
            continue
        errors = [e.message for e in validator(doc, media["schema"]).iter_errors(media["example"])]
        assert errors == [], f"{path}: {errors}"
        checked += 1
    assert checked >= 6


def test_every_plan_the_reader_accepts_matches_the_plan_schema(doc: Any) -> None:
    plans = accepted_plans()
    assert len(plans) >= 20
    own = Draft202012Validator(json.loads(kj.Plan.json_schema()))
    in_doc = component(doc, "Plan")
    for name, plan in plans:
        assert list(own.iter_errors(plan)) == [], name
        assert list(in_doc.iter_errors(plan)) == [], name
        # and as the binding writes it back
        assert list(own.iter_errors(json.loads(kj.Plan.from_json(json.dumps(plan)).to_json()))) == [], name


def test_the_plan_schema_is_one_text_everywhere() -> None:
    text = kj.Plan.json_schema()
    assert text == (ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "kinerja", "schema", "plan"], capture_output=True, text=True, check=True
    )
    assert cli.stdout == text
    policy = subprocess.run(
        [sys.executable, "-m", "kinerja", "schema"], capture_output=True, text=True, check=True
    )
    assert policy.stdout == kj.Policy.json_schema()


def test_the_document_refuses_what_the_server_refuses(server: Server, doc: Any) -> None:
    example = doc["paths"]["/v1/evaluate"]["post"]["requestBody"]["content"]["application/json"]["example"]
    evaluate = component(doc, "EvaluateRequest")
    distribution = component(doc, "DistributionRequest")
    no_employee = {**example, "plan": {k: v for k, v in example["plan"].items() if k != "employee"}}
    refused = [
        (evaluate, "/v1/evaluate", no_employee),
        (evaluate, "/v1/evaluate", {**example, "lang": "fr"}),
        (evaluate, "/v1/evaluate", {**example, "period": "2024-Q5"}),
        (evaluate, "/v1/evaluate", {**example, "rules": {"regime": "permenpanrb-6-2022", "polcy": {}}}),
        (distribution, "/v1/distribution", {"predicates": [{}]}),
        (distribution, "/v1/distribution", {"predicates": [["e1"]]}),
        (distribution, "/v1/distribution", {"predicates": [{"employee": "e1"}]}),
        # the employee named twice, or another member: refused, never one of them taken
        (
            distribution,
            "/v1/distribution",
            {"predicates": [{"employee": "e1", "id": "e2", "predicate": "Baik"}]},
        ),
        (distribution, "/v1/distribution", {"predicates": [{"employee": "e1", "predicate": "Baik", "x": 1}]}),
    ]
    for schema, path, body in refused:
        assert not schema.is_valid(body), body
        assert 400 <= post(server, path, body) < 500, body
    accepted = [
        (distribution, "/v1/distribution", {"predicates": ["GOOD", "sangat-baik", ["", "b"]]}),
        (evaluate, "/v1/evaluate", {**example, "lang": " EN "}),
        (
            distribution,
            "/v1/distribution",
            {"predicates": ["good", ["e2", "Baik"], {"id": "e3", "predicate": "good"}]},
        ),
        (evaluate, "/v1/evaluate", {**example, "lang": None, "period": "2024"}),
    ]
    for schema, path, body in accepted:
        assert schema.is_valid(body), body
        assert post(server, path, body) == 200, body


def query_schema(doc: Any, name: str) -> Draft202012Validator:
    (param,) = [p for p in doc["paths"]["/v1/score"]["post"]["parameters"] if p["name"] == name]
    return validator(doc, param["schema"])


def test_query_parameters_are_typed(server: Server, doc: Any) -> None:
    delimiter, rules, period = (query_schema(doc, n) for n in ("delimiter", "rules", "period"))
    row = {"employee": "1", "target": 1, "actual": 1, "work_result": "meets", "behaviour": "meets"}
    for ok in [",", ";", "|", "\t", "tab", "\\t"]:
        assert delimiter.is_valid(ok), ok
    for bad in ["", ";;", '"', "\n", "é", "comma", ".", "-", "+", "e", "7"]:
        assert not delimiter.is_valid(bad), bad
    for ok in ["permenpanrb-6-2022", ' {"regime": "pp-46-2011"}']:
        assert rules.is_valid(ok), ok
    assert rules.is_valid("") and rules.is_valid("  ") and not rules.is_valid("dp3")
    # batch scoring implements PermenPANRB 6/2022 only: the other builtin ids are refused
    for other in ["pp-46-2011", "permenpanrb-8-2021"]:
        assert not rules.is_valid(other), other
        assert post(server, f"/v1/score?rules={other}", {"indicators": [row]}) == 422, other
    assert period.is_valid("2024-Q1") and not period.is_valid("2024-13")
    # the query's language is the body's: every spelling the server reads
    lang = query_schema(doc, "lang")
    assert all(lang.is_valid(w) for w in ["id", "EN", " english ", "Bahasa Indonesia"])
    assert not lang.is_valid("fr")
    assert post(server, "/v1/score?lang=%20EN%20", {"indicators": [row]}) == 200
    assert post(server, "/v1/score?lang=fr", {"indicators": [row]}) == 422


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_decimal_and_period_the_schema_allows_is_read(data: st.DataObject) -> None:
    """Strings matching the plan schema's patterns (decimals, periods, ids) are read by the
    plan reader: the schema is never looser than the reader."""
    defs = json.loads(kj.Plan.json_schema())["$defs"]
    number = data.draw(st.from_regex(defs["Decimal"]["pattern"], fullmatch=True), label="decimal")
    # a period as text (any of the reader's forms); the other branch is a year as a number
    period = data.draw(st.from_regex(defs["Period"]["anyOf"][0]["pattern"], fullmatch=True), label="period")
    employee, unit, indicator = (
        data.draw(st.from_regex(defs[d]["properties"][m]["pattern"]), label=f"{d}.{m}")
        for d, m in (("Employee", "id"), ("Employee", "unit"), ("Indicator", "id"))
    )
    plan = {
        "employee": {"id": employee, "name": "A", "unit": unit, "post_type": "executor"},
        "year": kj.Period(period).year,
        "results": [
            {"id": "r", "description": "d", "indicators": [{"id": indicator, "name": "n", "target": 100}]}
        ],
        "realisations": [{"indicator": indicator, "period": period, "actual": number}],
    }
    assert Draft202012Validator(json.loads(kj.Plan.json_schema())).is_valid(plan)
    parsed = kj.Plan.from_json(json.dumps(plan))
    if len(Decimal(number).as_tuple().digits) <= 28:
        # (more significant digits than a decimal holds are rounded by the reader)
        assert parsed.realisations[0].actual == Decimal(number)
    assert parsed.realisations[0].period == kj.Period(period)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_predicate_is_valid_exactly_when_the_server_reads_it(
    server: Server, doc: Any, data: st.DataObject
) -> None:
    """The document's predicate (a distribution entry) matches what the server reads: the
    vocabulary's spellings in any case with `_`, `-`, ` `, `/`, `.` anywhere, and nothing else."""
    words = [*kj.Predicate, "Sangat Baik", "Kurang/Misconduct", "butuh perbaikan/cukup", "sk", "b"]
    word = str(data.draw(st.sampled_from(words)))
    noisy = st.builds(
        lambda w, cases, seps: "".join(
            (c.upper() if up else c.lower()) + sep for c, up, sep in zip(w, cases, seps, strict=False)
        ),
        st.just(word),
        st.lists(st.booleans(), min_size=len(word), max_size=len(word)),
        st.lists(
            st.sampled_from(["", "", "", "_", "-", " ", "/", "."]), min_size=len(word), max_size=len(word)
        ),
    )
    text = data.draw(st.one_of(noisy, st.text(max_size=6), st.just(word + "x")), label="predicate")
    valid = component(doc, "DistributionRequest").is_valid({"predicates": [text]})
    status = post(server, "/v1/distribution", {"predicates": [text]})
    assert valid == (status == 200), (text, status)


PERIOD_PIECES = [
    "2024",
    "1899",
    "2999",
    "3000",
    "-",
    "S",
    "q",
    "TW",
    "1",
    "2",
    "4",
    "5",
    "03",
    "13",
    " ",
    "\t",
]
PERIOD_PIECES += [
    "Tahunan",
    "semester",
    "SMT",
    "Triwulan",
    "tw",
    "Januari",
    "jan",
    "Agt",
    "Okt",
    "II",
    "iv",
    "x",
]
# spaces on which regular-expression engines differ (Python's `\s` takes U+001F, ECMA-262's U+FEFF)
PERIOD_PIECES += ["\u00a0", "\u001f", "\u0085", "\ufeff", "\u3000", "\n"]


def period_schema_and_reader_agree(value: str | int) -> None:
    schema = json.loads(kj.Plan.json_schema())
    period = Draft202012Validator({**schema["$defs"]["Period"], "$defs": schema["$defs"]})
    try:
        kj.Period(value)
        read = True
    except kj.exceptions.PeriodError:
        read = False
    assert period.is_valid(value) == read, f"{value!r}: read {read}"


@pytest.mark.parametrize(
    "value",
    [
        "2024",
        "2024-S1",
        "2024-s2",
        "2024-Q4",
        "2024-tw3",
        "2024-TW5",
        "2024-03",
        "2024-13",
        " 2024-Q1 ",
        "Tahunan 2024",
        "tahun 1899",
        "Semester II 2024",
        "Semester 3 2024",
        "Triwulan IV 2024",
        "TW 2 2024",
        "Januari 2024",
        "jan 2999",
        "Agt 2024",
        "Oktober 3000",
        "2024-Q",
        "Q1 2024",
        2024,
        1899,
        3000,
        2999,
    ],
)
def test_the_period_schema_admits_what_the_reader_reads(value: str | int) -> None:
    period_schema_and_reader_agree(value)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PERIOD_PIECES), max_size=5), st.sampled_from(["", " "]))
def test_the_period_schema_and_the_reader_agree_on_pieces(pieces: list[str], sep: str) -> None:
    period_schema_and_reader_agree(sep.join(pieces))
