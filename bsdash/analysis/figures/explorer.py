"""The Data explorer's catalogue: the datasets an analyst takes away first, and the values the shared filters
give a named query's parameters (its "as at" being the day of the dataset it reads)."""

from collections.abc import Mapping

from bsdash.analysis.periods import Filters
from bsdash.formatting import joined
from bsdash.store.queries import Param, QueryError

DATASETS = {
    "payments": "Payments (spend over £500)",
    "ticket_list": "IT tickets",
    "contract_register": "Contract register",
    "budget_lines": "Budgets",
    "service_kpis_by_month": "Service levels of the other services",
    "asset_register": "Asset register",
    "licence_register": "Licences",
    "department_list": "Departments",
    "service_list": "Service types",
    "import_history": "Imports",
    "quarantined_rows": "Quarantined rows",
}
FROM_FILTERS = ("date_from", "date_to", "departments", "services", "as_at")
EXCEL_ROWS = 1_048_575  # a sheet's rows, less the headers: larger extracts go as CSV or Parquet
# Which dataset's day a query's $as_at is: tickets for open tickets and backlog, payments for budgets to date.
AS_AT_OF = {
    "open_tickets_by_sla_used": "tickets",
    "backlog_by_age": "tickets",
    "budget_by_department": "spend",
}


def filter_values(filters: Filters, name: str, params: list[str]) -> dict[str, object]:
    """The values the shared filters give the parameters `params` of the named query `name`."""
    values = {**filters.params(), "as_at": filters.dates.of(AS_AT_OF.get(name, "contracts"))}
    return {param: values[param] for param in params if param in FROM_FILTERS}


# The first value of a query's own whole-number inputs: as the pages ask (twelve months on each side of a change
# on Outsourcing, twelve months ahead on Assets); any other starts at 1, an optional one empty.
INPUT_FIRST = {"row_limit": 10_000, "within_months": 12, "window_months": 12}


def input_first(param: Param) -> int | None:
    """The value a query's own whole-number input starts at: empty when the query does without it."""
    return None if param.optional else INPUT_FIRST.get(param.name, 1)


def input_label(param: Param) -> str:
    """What the explorer calls the input for a query's own parameter."""
    return "Rows at most" if param.name == "row_limit" else param.name.replace("_", " ").capitalize()


def inputs_wanted(name: str, params: list[Param], values: Mapping[str, object]) -> str | None:
    """What a query still needs before it can run, in words (None when nothing): its own required parameters
    that no value was given for yet, such as the change date of a before-and-after query, or a value typed that
    is not of its type (a share of SLA used that is not a number)."""
    missing = [input_label(p) for p in params if not p.optional and values.get(p.name) is None]
    if missing:
        return (
            f"{name} needs {'a value' if len(missing) == 1 else 'values'} for {joined(missing)}: "
            f"fill {'it' if len(missing) == 1 else 'them'} in above to see its rows."
        )
    for param in params:
        try:
            param.convert(values.get(param.name))
        except QueryError:
            typed = str(values[param.name])[:40].replace("`", "'")
            return f"{input_label(param)}: `{typed}` is not a {TYPE_WORDS[param.type]}."
    return None


TYPE_WORDS = {
    "date": "date",
    "timestamp": "date and time",
    "varchar": "text",
    "varchar[]": "list",
    "integer": "whole number",
    "double": "number",
    "boolean": "yes or no",
}
