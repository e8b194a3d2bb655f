"""Dask helpers for batch scoring (:func:`kinerja.score` on each partition).

The indicator table is given "wide" (employee columns — ``work_result``, ``behaviour``,
``unit``, ``post_type``, ``unit_head`` — repeated on each indicator row) and partitioned so
that all rows of an employee are in one partition, e.g. ``ddf.shuffle("employee")`` or a
``set_index("employee")`` (the index is moved back to a column). Each partition is scored in
the worker process; the result has one row per employee.

>>> import kinerja.dask  # doctest: +SKIP
>>> out = kinerja.dask.score(ddf, units=units_df, rules=rules)  # doctest: +SKIP
>>> out.compute()  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from kinerja.batch import output_meta
from kinerja.batch import score as _score

__all__ = ["meta", "score", "score_partition"]


def meta(rules: Any = None, *, unit: bool = True) -> Any:
    """An empty pandas frame with the dtypes of :func:`score_partition`'s result."""
    import pandas as pd

    return output_meta(rules, unit=unit).empty_table().to_pandas(types_mapper=pd.ArrowDtype)


def score_partition(part: Any, units: Any = None, rules: Any = None, on_error: str = "raise") -> Any:
    """Scores one partition (a pandas frame in the wide shape); one row per employee."""
    import pyarrow as pa

    if "employee" not in part.columns and part.index.name == "employee":
        part = part.reset_index()
    has_unit = "unit" in part.columns
    if len(part) == 0:
        return meta(rules, unit=has_unit)
    res = _score(
        pa.Table.from_pandas(part, preserve_index=False), units=units, rules=rules, on_error=on_error
    )
    schema = output_meta(rules, unit=has_unit)
    emp = res.employees.select(schema.names).cast(schema)
    import pandas as pd

    return emp.to_pandas(types_mapper=pd.ArrowDtype)


def score(ddf: Any, units: Any = None, rules: Any = None, on_error: str = "raise") -> Any:
    """Per-employee results of a wide, employee-partitioned Dask DataFrame."""
    has_unit = "unit" in ddf.columns
    return ddf.map_partitions(score_partition, units, rules, on_error, meta=meta(rules, unit=has_unit))
