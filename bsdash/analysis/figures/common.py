"""Figures more than one page shows, each defined once: the forecast outturn of a period, the share of spend on
contract, the filters in words."""

from datetime import date

import pandas as pd

from bsdash.analysis.figures import Fetch
from bsdash.analysis.outturn import Outturn, forecast_outturn, paid_through
from bsdash.analysis.periods import Filters, Period
from bsdash.formatting import uk_date

EARLIEST = date(2000, 1, 1)


def outturn_of(fetch: Fetch, filters: Filters, period: Period | None = None) -> Outturn:
    """The period's forecast outturn for the filters' departments and services (bsdash.analysis.outturn)."""
    period = period or filters.period
    spend_as_at = filters.dates.of("spend")
    through = paid_through(spend_as_at)
    chosen = {"departments": filters.params()["departments"], "services": filters.params()["services"]}
    history = fetch(
        "spend_by_department_and_month", date_from=filters.dates.first_day or EARLIEST, date_to=through, **chosen
    )
    if through >= period.date_from:
        actual = fetch(
            "spend_by_department", date_from=period.date_from, date_to=min(period.date_to, through), **chosen
        )
    else:
        actual = pd.DataFrame({"department": pd.Series(dtype=object), "amount": pd.Series(dtype=float)})
    result = forecast_outturn(period, spend_as_at, history, actual)
    result.history.attrs.update(history.attrs)  # the forecast's tables name the query they came from
    return result


def on_contract_share(on_contract: pd.DataFrame) -> float | None:
    """Spend on contract / addressable spend, over the services of `spend_on_contract_by_service`."""
    addressable = on_contract["addressable_amount"].sum()
    return float(on_contract["on_contract_amount"].sum() / addressable) if addressable else None


def describe(filters: Filters, departments: dict[str, str], services: dict[str, str]) -> str:
    """One line: the period (to date when the data ends inside it), departments, service and provider types, and
    how far the data reaches."""
    period = filters.period
    text = f"Financial year {period.label}" if period.financial_year else period.label
    if period.is_to_date(filters.dates.latest):
        text += f", to {uk_date(filters.dates.latest)}"
    chosen_departments = ", ".join(departments.get(d, d) for d in filters.departments) or "all departments"
    chosen_services = ", ".join(services.get(s, s) for s in filters.service_types) or "all service types"
    providers = ", ".join(filters.provider_types) + " providers" if filters.provider_types else ""
    parts = [text, chosen_departments, chosen_services] + ([providers] if providers else [])
    return " · ".join(parts) + f" · {filters.dates.describe()}"
