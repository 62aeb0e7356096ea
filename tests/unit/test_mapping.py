"""Every stored column is a declared field of its domain class: the mapper adds no attributes of its own."""

import dataclasses

import pytest

from workshop.storage import tables

tables.map_domain()
MAPPERS = sorted(tables.mapper_registry.mappers, key=lambda m: m.class_.__name__)


@pytest.mark.parametrize("mapper", MAPPERS, ids=[m.class_.__name__ for m in MAPPERS])
def test_every_column_is_a_declared_field(mapper):
    declared = {f.name for f in dataclasses.fields(mapper.class_)}
    columns = {column.key for column in mapper.local_table.columns}
    assert columns - declared == set(), f"{mapper.class_.__name__} does not declare {columns - declared}"


def test_every_table_is_mapped():
    mapped = {m.local_table.name for m in MAPPERS}
    assert mapped == {
        "workshops",
        "organisations",
        "participants",
        "activities",
        "answers",
        "goals",
        "partnerships",
        "partner_organisations",
    }
