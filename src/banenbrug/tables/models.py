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
from functools import partial
from inspect import signature
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from banenbrug.tables import cells as C
from banenbrug.tables.cells import slug
from banenbrug.tables.errors import MAX_ERRORS, RowError

ROW_CHECK = "row_check"  # the error type of `row_problem`


class RowModel(BaseModel):
    """A row type. `required`: the columns a CSV file must have (the JSON schema's required
    fields); `key_from`: the field whose slug is the key when a row gives none."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)
    required: ClassVar[tuple[str, ...]] = ()
    key_from: ClassVar[str | None] = None
    _empty: ClassVar[dict[str, None]] = {}  # every field None: what a row leaves out

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._empty = dict.fromkeys(cls.model_fields)

    @model_validator(mode="before")
    @classmethod
    def _fill(cls, raw: Any) -> Any:
        """A field the row leaves out is checked as an empty cell (None)."""
        if not isinstance(raw, Mapping):
            return raw
        if cls.key_from is None and raw.keys() >= cls._empty.keys():
            return raw  # every cell there (a CSV row with every column)
        row = {**cls._empty, **raw}
        if cls.key_from is not None:
            key, name = row["key"], row[cls.key_from]
            blank = key is None or (isinstance(key, str) and not key.strip())
            if blank and isinstance(name, str):
                row["key"] = slug(name)
        return row


def cell(check: Callable[[Any], Any]) -> BeforeValidator:
    """A field checked by `check(value)` (it raises `cells.Bad`, a ValueError). Handed to
    pydantic as it is (no wrapper: one call less per cell), so a second positional parameter
    must have a default or be bound by a partial: pydantic would pass its ValidationInfo."""
    rest = list(signature(check).parameters.values())[1:]
    if any(p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
           for p in rest):
        raise TypeError(f"{check} must take the cell alone")
    return BeforeValidator(check)


def known_cell(check: Callable[[Any, Any], Any]) -> BeforeValidator:
    """A field checked by `check(value, known)`: `known` is the validation context."""
    return BeforeValidator(lambda value, info: check(value, info.context))


# Field types several row models share: a key (else a slug of `key_from`), a required name,
# an http(s) URL, an ISO date, a boolean.
Key = Annotated[str, cell(C.key)]
Name = Annotated[str, cell(partial(C.text, limit=200, required=True))]
Url = Annotated[str, cell(C.url)]
Day = Annotated[str | None, cell(C.day)]
Flag = Annotated[bool, cell(C.boolean)]


def row_problem(field: str, message: str) -> PydanticCustomError:
    """What a check across fields raises: the row is wrong in `field`."""
    return PydanticCustomError(ROW_CHECK, "{message}", {"field": field, "message": message})


def cell_errors(exc: ValidationError) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(field, error type, message, its parameters) of each error: a cell check's own message
    (a ValueError's text), a `row_problem`'s field, pydantic's message for the rest. For a
    caller that words errors itself by type (the evaluation's coded issues)."""
    found: list[tuple[str, str, str, dict[str, Any]]] = []
    for error in exc.errors(include_url=False, include_input=False):
        ctx = error.get("ctx") or {}
        kind = error["type"]
        if kind == ROW_CHECK:
            found.append((ctx["field"], kind, ctx["message"], {}))
            continue
        field = str(error["loc"][0]) if error["loc"] else "row"
        found.append((field, kind, str(ctx["error"]) if kind == "value_error" else error["msg"],
                      {} if kind == "value_error" else ctx))
    return found


def row_errors(exc: ValidationError, row: int, section: str = "") -> list[RowError]:
    """A row's ValidationError as RowErrors; unknown fields (a JSON row) in one error."""
    found = cell_errors(exc)
    unknown = [field for field, kind, _, _ in found if kind == "extra_forbidden"]
    if unknown:
        return [RowError(row, "row", f"unknown field(s) {', '.join(sorted(unknown))}", section)]
    return [RowError(row, field, message, section) for field, _, message, _ in found]


def check_rows(model: type[RowModel], rows: list[dict[str, Any]], numbers: list[int] | None,
               known: Any, errors: list[RowError], section: str = "",
               limit: int = MAX_ERRORS) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, canonical values) of each valid row; the errors of the others go to
    `errors`, until `limit` of them."""
    validate = model.__pydantic_validator__.validate_python
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
