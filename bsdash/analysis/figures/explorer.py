"""The Data explorer's catalogue: the datasets an analyst takes away first, and the values the shared filters
give a named query's parameters (its "as at" being the day of the dataset it reads)."""

from bsdash.analysis.periods import Filters

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
