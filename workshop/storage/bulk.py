"""Batch statements whose text does not grow with the batch on PostgreSQL (arrays), plain SQL elsewhere.

A burst stores hundreds of answers per transaction. With one placeholder per value, PostgreSQL's
driver parses every statement anew (it caches only short ones); with one array per column the text
is the same for every batch. SQLite gets plain IN lists and multi-row VALUES, which it handles well.
"""

import json

from sqlalchemy import JSON, Integer, String, any_, bindparam, insert, text
from sqlalchemy.dialects.postgresql import ARRAY


def _postgres(s) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def among(s, column, values):
    """`column IN values`, as `column = ANY(array)` on PostgreSQL."""
    values = list(values)
    if _postgres(s):
        kind = Integer() if isinstance(column.type, Integer) else String()
        return column == any_(bindparam(None, values, type_=ARRAY(kind), unique=True))
    return column.in_(values)


def insert_rows(s, table, rows: list[dict], returning: tuple[str, ...] = ()) -> list:
    """Insert rows (every row with the same keys, defaults filled in) in one statement; the `returning` columns."""
    if not rows:
        return []
    if not _postgres(s):
        statement = insert(table)
        if returning:
            return list(s.execute(statement.returning(*(table.c[c] for c in returning)), rows))
        s.execute(statement, rows)
        return []
    dialect = s.get_bind().dialect
    columns = list(rows[0])
    params, arrays, picks = {}, [], []
    for i, name in enumerate(columns):
        kind = table.c[name].type
        values = [row[name] for row in rows]
        if isinstance(kind, JSON):
            # JSON travels as text and is cast back, so every driver adapts the array the same way.
            params[f"c{i}"] = [None if v is None else json.dumps(v) for v in values]
            arrays.append(f"CAST(:c{i} AS TEXT[])")
            picks.append(f"CAST(c{i} AS JSON)")
        else:
            params[f"c{i}"] = values
            arrays.append(f"CAST(:c{i} AS {kind.compile(dialect)}[])")
            picks.append(f"c{i}")
    names = ", ".join(f"c{i}" for i in range(len(columns)))
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT {', '.join(picks)}"
        f" FROM unnest({', '.join(arrays)}) AS batch({names})"
    )
    if returning:
        return list(s.execute(text(sql + " RETURNING " + ", ".join(returning)), params))
    s.execute(text(sql), params)
    return []
