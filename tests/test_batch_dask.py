"""kj.dask.score on a real distributed.LocalCluster with process workers equals kj.score."""

from __future__ import annotations

import pytest

import kinerja as kj

from conftest import check_hand_batch_row, hand_batch_tables


def test_dask_partitioned_equals_single_process() -> None:
    distributed = pytest.importorskip("distributed")
    dd = pytest.importorskip("dask.dataframe")
    import kinerja.dask as kjd

    rules = kj.datasets.kupang_rules()
    data = kj.datasets.synthetic(employees=400, indicators_per_employee=5, seed=11)
    wide = data["indicators"].join(data["employees"], "employee").sort_by("employee")
    units = data["units"].to_pandas()
    local = kj.score(wide, units=data["units"], rules=rules).employees.to_pandas().set_index("employee")
    pdf = wide.to_pandas()
    # 4 partitions on employee boundaries (sorted by employee, divisions from the index)
    ddf = dd.from_pandas(pdf.set_index("employee"), npartitions=4, sort=True)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        assert ddf.npartitions > 1
        remote = kjd.score(ddf, units=units, rules=rules).compute()
        # and one employee computed by hand (conftest.HAND_BATCH_EXPECTED)
        hand_wide, hand_units = hand_batch_tables()
        hand_ddf = dd.from_pandas(hand_wide.to_pandas().set_index("employee"), npartitions=1)
        hand = kjd.score(hand_ddf, units=hand_units.to_pandas(), rules=rules).compute()
    remote = remote.set_index("employee").sort_index()
    assert len(remote) == len(local) == 400
    for col in ("weighted_achievement", "predicate", "work_result", "advised_rating", "ok"):
        assert [str(x) for x in remote[col]] == [str(x) for x in local.loc[remote.index, col]], col
    assert len(hand) == 1
    check_hand_batch_row(hand.reset_index().to_dict("records")[0])
