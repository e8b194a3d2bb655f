"""Scale-out: rulesets, plans and evaluations travel to Dask worker processes and back."""

from __future__ import annotations

import pickle

import pytest

import kinerja as kj

from conftest import HAND_ROSTER_EMPLOYEE, HAND_ROSTER_EXPECTED


def test_functions_pickle_by_reference() -> None:
    for f in (kj.evaluate, kj.achievement, kj.predicate, kj.evaluate_all, kj.compare):
        assert pickle.loads(pickle.dumps(f)) is f


def test_evaluate_in_dask_worker_processes(roster, kupang_rules) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        futures = client.map(kj.evaluate, roster["plans"], period=roster["period"], rules=kupang_rules)
        remote = client.gather(futures)
    local = kj.evaluate_all(roster["plans"], roster["period"], kupang_rules)
    assert remote == local
    # one evaluation checked against values computed by hand from the roster's raw data
    (hand,) = [ev for ev in remote if ev.employee == HAND_ROSTER_EMPLOYEE]
    assert hand.weighted_achievement == HAND_ROSTER_EXPECTED["weighted_achievement"]
    assert hand.achievements == HAND_ROSTER_EXPECTED["achievements"]
    assert hand.predicate.value == HAND_ROSTER_EXPECTED["predicate"]
