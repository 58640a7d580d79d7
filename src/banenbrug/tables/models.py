"""One pydantic model per row type, and its errors as `RowError`s (file, row, column).

A row model's fields wrap the shared value checks of `cells` (`cell`), or checks that need
what the database knows (`known_cell`: the importer passes it as the validation context).
A field a JSON row leaves out is checked as an empty CSV cell would be. A check across
fields raises `row_problem(field, message)` from a model validator. `check_rows` validates
rows one by one and maps each `ValidationError` to `RowError(row, field, message, section)`
with the checks' own messages.

The same model documents an API upload (`upload_schema`): the OpenAPI schema of a file field
says its rows are this model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from banenbrug.tables.cells import slug
from banenbrug.tables.errors import MAX_ERRORS, RowError

ROW_CHECK = "row_check"  # the error type of `row_problem`


class RowModel(BaseModel):
    """A row type. `required`: the columns a CSV file must have (the JSON schema's required
    fields); `key_from`: the field whose slug is the key when a row gives none."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)
    required: ClassVar[tuple[str, ...]] = ()
    key_from: ClassVar[str | None] = None

    @model_validator(mode="before")
    @classmethod
    def _fill(cls, raw: Any) -> Any:
        """A field the row leaves out is checked as an empty cell (None)."""
        if not isinstance(raw, Mapping):
            return raw
        if cls.key_from is None and raw.keys() >= cls.model_fields.keys():
            return raw  # every cell there (a CSV row with every column)
        row = dict.fromkeys(cls.model_fields)
        row.update(raw)
        if cls.key_from is not None:
            key, name = row["key"], row[cls.key_from]
            blank = key is None or (isinstance(key, str) and not key.strip())
            if blank and isinstance(name, str):
                row["key"] = slug(name)
        return row


def cell(check: Callable[[Any], Any]) -> BeforeValidator:
    """A field checked by `check(value)` (it raises `cells.Bad`, a ValueError)."""
    return BeforeValidator(lambda value: check(value))


def known_cell(check: Callable[[Any, Any], Any]) -> BeforeValidator:
    """A field checked by `check(value, known)`: `known` is the validation context."""
    return BeforeValidator(lambda value, info: check(value, info.context))


def row_problem(field: str, message: str) -> PydanticCustomError:
    """What a check across fields raises: the row is wrong in `field`."""
    return PydanticCustomError(ROW_CHECK, "{message}", {"field": field, "message": message})


def row_errors(exc: ValidationError, row: int, section: str = "") -> list[RowError]:
    """A row's ValidationError as RowErrors: the cell checks' messages, unknown fields (a JSON
    row) in one error for the row."""
    found = exc.errors(include_url=False, include_input=False)
    unknown = [str(e["loc"][0]) for e in found if e["type"] == "extra_forbidden"]
    if unknown:
        return [RowError(row, "row", f"unknown field(s) {', '.join(sorted(unknown))}", section)]
    errors = []
    for error in found:
        ctx = error.get("ctx") or {}
        if error["type"] == ROW_CHECK:
            errors.append(RowError(row, ctx["field"], ctx["message"], section))
            continue
        field = str(error["loc"][0]) if error["loc"] else "row"
        message = str(ctx["error"]) if error["type"] == "value_error" else error["msg"]
        errors.append(RowError(row, field, message, section))
    return errors


def check_rows(model: type[RowModel], rows: list[dict[str, Any]], numbers: list[int] | None,
               known: Any, errors: list[RowError], section: str = "",
               limit: int = MAX_ERRORS) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, canonical values) of each valid row; the errors of the others go to
    `errors`, until `limit` of them."""
    validate = model.model_validate
    for offset, raw in enumerate(rows):
        if len(errors) >= limit:
            return
        number = numbers[offset] if numbers is not None else offset + 1
        try:
            row = validate(raw, context=known)
        except ValidationError as exc:
            errors.extend(row_errors(exc, number, section))
            continue
        yield number, row.__dict__


def upload_schema(description: str, *models: type[RowModel], json: bool = True
                  ) -> dict[str, Any]:
    """`openapi_extra` for an upload whose file holds rows of one of `models`. With `json` the
    file field's `contentSchema` is the JSON form (a list of such rows); a CSV-only upload names
    the rows in `x-rows` (one column per field; a list's values separated by ';')."""
    schemas = []
    for model in models:
        rows = model.model_json_schema()
        rows["required"] = list(model.required)
        schemas.append(rows)
    items = schemas[0] if len(schemas) == 1 else {"oneOf": schemas}
    return {"requestBody": {"content": {"multipart/form-data": {"schema": {"properties": {
        "file": {"description": description,
                 "contentSchema" if json else "x-rows": {"type": "array", "items": items}}}}}}}}
