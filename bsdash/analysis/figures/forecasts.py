"""Forecasts: IT ticket demand for the next twelve months, and the period's spend outturn (the same figure the
Overview and Spend & budgets show), each with its 80 % interval, the method in words and its backtest."""

import math
from dataclasses import dataclass

import pandas as pd

from bsdash import formatting as fmt
from bsdash.analysis import forecasting
from bsdash.analysis.figures import Fetch, Headline, Runner, Table, table
from bsdash.analysis.figures.common import EARLIEST, outturn_of
from bsdash.analysis.outturn import METHOD_IN_WORDS, Outturn, paid_through
from bsdash.analysis.periods import Filters

HORIZON = 12
SHOWN_MONTHS = 48  # the ticket chart: four years, the last three of history and the year ahead
TICKET_FORECAST = {
    "month": "Month",
    "actual": "Tickets logged",
    "forecast": "Forecast",
    "low": "Low (80 %)",
    "high": "High (80 %)",
}
COUNTS = {"actual": "count", "forecast": "count", "low": "count", "high": "count"}
SPEND_FORECAST = {
    "month": "Month",
    "actual": "Spend (£)",
    "forecast": "Forecast (£)",
    "low": "Low (80 %) (£)",
    "high": "High (80 %) (£)",
}
MONEY = {"actual": "money", "forecast": "money", "low": "money", "high": "money"}


@dataclass(frozen=True)
class TicketDemand:
    headlines: list[Headline]
    forecast: Table  # history and the next twelve months
    shown: Table  # what the chart draws: the last four years and the next twelve months
    backtest: Table | None
    backtest_caption: str


@dataclass(frozen=True)
class SpendOutturn:
    title: str
    outturn: Outturn
    headlines: list[Headline]
    sentence: str
    forecast: Table | None
    backtest: Table | None
    backtest_caption: str


@dataclass(frozen=True)
class Forecasts:
    caption: str
    tickets: TicketDemand | None  # None: IT support is filtered out or there are not two years of tickets
    spend: SpendOutturn


def forecasts(filters: Filters, run: Runner) -> Forecasts:
    fetch = Fetch(run)
    through = paid_through(filters.dates.of("tickets"))
    caption = (
        f"Ticket demand is forecast from the last whole month of tickets, {through:%B %Y}: the period filter does "
        f"not apply to it. The spend outturn is the period's. Departments and service types apply to both. "
        f"Method: {forecasting.METHOD} The shaded interval holds 80 % of the method's own past errors at each "
        "horizon (the same forecast made from every earlier month with two years behind it)."
    )
    return Forecasts(caption, _tickets(filters, fetch), _spend(filters, fetch))


def _tickets(filters: Filters, fetch: Fetch) -> TicketDemand | None:
    through = paid_through(filters.dates.of("tickets"))
    params = filters.params()
    tickets = fetch(
        "tickets_by_month",
        date_from=filters.dates.first_day or EARLIEST,
        date_to=through,
        departments=params["departments"],
        services=params["services"],
    )
    if not filters.includes_it_support() or len(tickets) < forecasting.MINIMUM_HISTORY:
        return None
    values = tickets["tickets_logged"].to_numpy(dtype=float)
    frame = forecasting.monthly_forecast(tickets["month"], values, HORIZON)
    check = forecasting.backtest(tickets["month"], values)
    ahead = frame.dropna(subset=["forecast"])
    shown = frame[frame["month"] >= frame["month"].max() - pd.DateOffset(months=SHOWN_MONTHS - 1)]
    derived = "forecast by seasonal naive with trend (bsdash.analysis.forecasting)"
    return TicketDemand(
        headlines=[
            Headline(
                f"Tickets in the next {HORIZON} months",
                fmt.count(ahead["forecast"].sum()),
                help=f"{ahead['month'].iloc[0]:%B %Y} to {ahead['month'].iloc[-1]:%B %Y}.",
            ),
            Headline(
                "Backtest error (MAPE)",
                fmt.percent(check.mape) if check else "–",
                help=f"Mean absolute percentage error over the last {check.held_out if check else 0} months, "
                "forecast from the months before them as if they had not happened yet.",
            ),
        ],
        forecast=table(
            "IT ticket demand forecast",
            frame,
            "ticket-demand-forecast",
            columns=TICKET_FORECAST,
            kinds=COUNTS,
            made_from=(tickets,),
            derived=derived,
        ),
        shown=table(
            "IT ticket demand forecast",
            shown,
            "ticket-demand-forecast",
            columns=TICKET_FORECAST,
            kinds=COUNTS,
            made_from=(tickets,),
            derived=derived,
        ),
        backtest=None
        if check is None
        else table(
            f"Backtest: the last {check.held_out} months held out",
            check.frame,
            "ticket-forecast-backtest",
            columns={"month": "Month", "actual": "Tickets logged", "forecast": "Forecast", "error": "Error (%)"},
            kinds={"actual": "count", "forecast": "count", "error": "percent"},
            made_from=(tickets,),
            derived="the last months forecast from the months before them",
        ),
        backtest_caption=""
        if check is None
        else f"Forecast from the months before them: mean absolute percentage error {check.mape:.1%}.",
    )


def _spend(filters: Filters, fetch: Fetch) -> SpendOutturn:
    period = filters.period
    outturn = outturn_of(fetch, filters)
    budget = fetch("headline_figures", **filters.params(), as_at=filters.dates.of("contracts")).iloc[0]["budget"]
    title = f"Spend outturn for {period.label}"
    headlines = [
        Headline(
            "Forecast outturn" if not outturn.complete else "Outturn",
            fmt.money_short(outturn.outturn),
            help=METHOD_IN_WORDS if not outturn.complete else "The period is over: what was paid.",
        ),
        Headline(
            "Budget",
            fmt.money_short(budget),
            help=f"The budget of {period.label} for these departments and service types.",
        ),
        Headline(
            "Paid so far",
            fmt.money_short(outturn.actual_to_date),
            help=f"Payments of the period's whole months, to {fmt.uk_date(outturn.paid_through)}.",
        ),
    ]
    if outturn.complete:
        sentence = f"{period.label} is over: its outturn is what was paid, **{fmt.money(outturn.outturn)}**"
    elif outturn.outturn is None:
        sentence = f"No forecast for {period.label}: {outturn.reason}."
    else:
        sentence = (
            f"The period should land between **{fmt.money(outturn.low)}** and **{fmt.money(outturn.high)}** "
            f"(80 % interval), most likely **{fmt.money(outturn.outturn)}**"
        )
    if outturn.outturn is not None:
        sentence += f", {outturn.outturn / budget - 1:+.1%} on the budget of {fmt.money(budget)}." if budget else "."
    history = outturn.history
    left = math.ceil(outturn.months_left)
    chart = backtest = None
    caption = ""
    if outturn.outturn is not None and not outturn.complete and len(history) >= forecasting.MINIMUM_HISTORY:
        frame = forecasting.monthly_forecast(history["month"], history["amount"].to_numpy(dtype=float), max(left, 1))
        frame = frame[frame["month"] >= frame["month"].max() - pd.DateOffset(months=36)]
        chart = table(
            title,
            frame,
            "spend-forecast",
            columns=SPEND_FORECAST,
            kinds=MONEY,
            made_from=(history,),
            derived="the months left forecast by seasonal naive with trend",
        )
        past = forecasting.outturn_backtest(history["month"], history["amount"].to_numpy(dtype=float), left)
        if period.financial_year and not past.empty:
            caption = (
                f"Backtest: the same outturn forecast made with {left} months left in each earlier year missed the "
                f"actual outturn by {past['error'].abs().mean():.1%} on average."
            )
            backtest = table(
                "Outturn backtest",
                past,
                "outturn-backtest",
                columns={
                    "financial_year": "Financial year",
                    "forecast_outturn": "Forecast outturn (£)",
                    "actual_outturn": "Actual outturn (£)",
                    "error": "Error (%)",
                },
                kinds={"error": "percent"},
                made_from=(history,),
                derived="the outturn forecast made at the same point of each earlier financial year",
            )
    return SpendOutturn(title, outturn, headlines, sentence, chart, backtest, caption)
