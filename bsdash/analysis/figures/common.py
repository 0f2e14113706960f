"""Figures more than one page shows, each defined once: the forecast outturn of a period, the share of spend on
contract, the filters in words."""

from datetime import date

import pandas as pd

from bsdash import fiscal
from bsdash.analysis.dates import DataDates
from bsdash.analysis.figures import Fetch, Runner
from bsdash.analysis.outturn import Outturn, forecast_outturn, paid_through
from bsdash.analysis.periods import PROVIDER_TYPES, Filters, Period, services_chosen
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


class FilterError(ValueError):
    """A filter the data does not know, with what it does know."""


def filters_for(
    run: Runner,
    financial_year: str | None = None,
    departments: tuple[str, ...] = (),
    service_types: tuple[str, ...] = (),
    provider_types: tuple[str, ...] = (),
) -> Filters:
    """The shared filters as the sidebar would set them, for the command line and the alerts: a financial year
    (by default the one the data's latest day falls in), departments, service and provider types by code."""
    dates = DataDates.from_row(run("data_as_at", {}).iloc[0].to_dict())
    year = fiscal.parse_financial_year(financial_year) if financial_year else fiscal.financial_year(dates.latest)
    if year is None:
        raise FilterError(f"'{financial_year}' is not a financial year: write it 2024/25.")
    services = run("service_list", {})
    known = {
        "department": set(run("department_list", {})["department_id"]),
        "service type": set(services["service_id"]),
        "provider type": set(PROVIDER_TYPES),
    }
    for what, asked in (
        ("department", departments),
        ("service type", service_types),
        ("provider type", provider_types),
    ):
        unknown = [code for code in asked if code not in known[what]]
        if unknown:
            raise FilterError(f"Unknown {what} {', '.join(unknown)}: the data knows {', '.join(sorted(known[what]))}.")
    provider_of = dict(zip(services["service_id"], services["provider_type"], strict=True))
    return Filters(
        Period.year(year),
        dates,
        tuple(departments),
        tuple(service_types),
        tuple(provider_types),
        services_chosen(service_types, provider_types, provider_of),
    )
