"""kj.spark.map_in_arrow in PySpark local mode equals kj.score (skipped without pyspark/Java)."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

import kinerja as kj

from conftest import check_hand_batch_row, hand_batch_tables


def test_spark_map_in_arrow_equals_single_process() -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # the Python workers must run this interpreter (with pyarrow and kinerja)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    import kinerja.spark as kjs

    rules = kj.datasets.kupang_rules()
    data = kj.datasets.synthetic(employees=200, indicators_per_employee=5, seed=12)
    wide = data["indicators"].join(data["employees"], "employee")
    local = kj.score(wide, units=data["units"], rules=rules).employees.to_pylist()
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        sdf = spark.createDataFrame(wide.to_pandas())
        out = sdf.repartition(3, "employee").mapInArrow(
            kjs.map_in_arrow(units=data["units"], rules=rules), kjs.spark_schema(rules)
        )
        remote = {r["employee"]: r for r in (row.asDict() for row in out.collect())}
        # and one employee computed by hand (conftest.HAND_BATCH_EXPECTED)
        hand_wide, hand_units = hand_batch_tables()
        # one partition holds both rows of the employee (a partition is scored on its own)
        hand_out = (
            spark.createDataFrame(hand_wide.to_pandas())
            .repartition(1, "employee")
            .mapInArrow(kjs.map_in_arrow(units=hand_units, rules=rules), kjs.spark_schema(rules))
        )
        hand = [row.asDict() for row in hand_out.collect()]
    finally:
        spark.stop()
    assert len(remote) == len(local)
    for r in local:
        g = remote[r["employee"]]
        assert g["weighted_achievement"] == r["weighted_achievement"]
        assert g["predicate"] == r["predicate"]
    assert len(hand) == 1
    check_hand_batch_row(hand[0])
