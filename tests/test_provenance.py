"""Provenance: a policy built from overrides names itself as derived, traces cite the policy that
holds each value, national defaults read "national default" / "bawaan nasional", and the
zero-target convention says it has no legal source."""

from __future__ import annotations

import copy
import json
import pathlib
from typing import Any

import kinerja as kj

GOLDEN = pathlib.Path(__file__).parent.parent / "testdata" / "golden" / "core_evaluation_6_2022.json"


def _case(case_id: str) -> dict[str, Any]:
    cases = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
    return copy.deepcopy(next(c["input"] for c in cases if c["id"] == case_id))


def _citations(ev: kj.Evaluation, lang: str) -> list[str]:
    return [s["citation"] for s in ev.trace.steps(lang)]


def test_a_policy_built_from_overrides_names_itself_as_derived() -> None:
    assert kj.Policy.defaults().id == "national-default"
    assert kj.Policy.defaults().version == "1"
    p = kj.Policy(achievement={"zero_target": "convention"})
    assert p.id == "national-default+achievement.zero_target"
    assert p.version == "1+derived"
    both = kj.Policy.from_dict({"achievement": {"zero_target": "convention", "floor_at_zero": False}})
    assert both.id == "national-default+achievement.floor_at_zero+achievement.zero_target"
    # Setting a value to its default changes nothing; a policy with its own id keeps it.
    assert kj.Policy(achievement={"floor_at_zero": True}).id == "national-default"
    assert kj.Policy(id="kupang-2024", achievement={"zero_target": "convention"}).id == "kupang-2024"
    # The derived name survives a round trip and a ruleset.
    assert kj.Policy.from_json(p.to_json()).id == p.id
    assert kj.Ruleset.builtin().with_policy(p).policy.id == p.id


def test_traces_cite_the_policy_that_holds_each_value() -> None:
    i = _case("advice-disagrees")
    policy = kj.Policy.from_dict(i["policy"])
    assert policy.id == "national-default+rating.advisory_bands"
    rules = kj.Ruleset.builtin("permenpanrb-6-2022").with_policy(policy)
    ev = kj.evaluate(kj.Plan.from_dict(i["plan"]), i["period"], rules)
    text_en, text_id = ev.explain("en"), ev.explain("id")
    cited = "national-default+rating.advisory_bands: rating.advisory_bands"
    assert f"[local policy] local policy {cited}" in text_en
    assert f"[kebijakan lokal] kebijakan lokal {cited}" in text_id
    for c in _citations(ev, "en"):
        assert "local policy national-default:" not in c, c
        if "local policy national-default+" in c:
            assert c.split(": ", 1)[1].startswith("rating.advisory_bands"), c
    assert "local policy" not in text_id


def test_national_defaults_are_not_called_local_policy() -> None:
    i = _case("advice-disagrees")
    ev = kj.evaluate(kj.Plan.from_dict(i["plan"]), i["period"], kj.Ruleset.builtin("permenpanrb-6-2022"))
    for lang, local in (("en", "local policy"), ("id", "kebijakan lokal")):
        text = ev.explain(lang)
        assert f"{local} national-default" not in text, text
    assert "national default: rating.advisory_bands" in _citations(ev, "en")
    assert "[national default] national default: rating.advisory_bands" in ev.explain("en")
    assert "[bawaan nasional] bawaan nasional: rating.advisory_bands" in ev.explain("id")
    assert "[local policy]" not in ev.explain("en")
    assert "[kebijakan lokal]" not in ev.explain("id")


def test_the_zero_target_convention_says_it_has_no_legal_source() -> None:
    i = _case("appraiser-only")
    ind = i["plan"]["results"][0]["indicators"][1]
    ind["target"] = "0"
    policy = kj.Policy(achievement={"zero_target": "convention"})
    rules = kj.Ruleset.builtin("permenpanrb-6-2022").with_policy(policy)
    ev = kj.evaluate(kj.Plan.from_dict(i["plan"]), i["period"], rules)
    en, idn = ev.explain("en"), ev.explain("id")
    assert "convention with no legal source" in en
    assert "konvensi tanpa dasar hukum" in idn
    assert "local policy national-default+achievement.zero_target: achievement.zero_target" in en
