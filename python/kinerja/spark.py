"""PySpark helpers for batch scoring: a schema and a ``mapInArrow`` function.

The input DataFrame is the wide indicator table (see :mod:`kinerja.dask`), repartitioned so
that all rows of an employee are in one partition::

    from kinerja import spark as kjs
    out = sdf.repartition("employee").mapInArrow(
        kjs.map_in_arrow(units=units_table, rules=rules), kjs.spark_schema(rules)
    )

Each partition's Arrow batches are scored together in the Python worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from kinerja.batch import output_meta
from kinerja.batch import score as _score

__all__ = ["arrow_schema", "map_in_arrow", "spark_schema"]


def arrow_schema(rules: Any = None, *, unit: bool = True) -> Any:
    """The pyarrow schema of the per-employee result."""
    return output_meta(rules, unit=unit)


def spark_schema(rules: Any = None, *, unit: bool = True) -> Any:
    """The Spark ``StructType`` of the per-employee result (decimal results as ``DecimalType``)."""
    from pyspark.sql.pandas.types import from_arrow_schema  # type: ignore[import-not-found,unused-ignore]

    return from_arrow_schema(arrow_schema(rules, unit=unit))


def map_in_arrow(
    units: Any = None, rules: Any = None, on_error: str = "raise", *, unit: bool = True
) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """A function for ``DataFrame.mapInArrow``: scores all batches of a partition together."""
    import pyarrow as pa

    units_table = None if units is None else (units if isinstance(units, pa.Table) else pa.table(units))
    schema = arrow_schema(rules, unit=unit)

    def fn(batches: Iterator[Any]) -> Iterator[Any]:
        got = list(batches)
        if not got or sum(b.num_rows for b in got) == 0:
            return
        table = pa.Table.from_batches(got)
        res = _score(table, units=units_table, rules=rules, on_error=on_error)
        yield from res.employees.select(schema.names).cast(schema).to_batches()

    return fn
