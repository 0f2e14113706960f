"""Threshold alerts: the state of the traffic lights and the risks, and what changed between two runs, in words.

A state is every headline light of the Overview (at any level) and every risk of the risks list
(bsdash.analysis.figures.risks), each under a key that stays the same from one run to the next. Comparing two
states says which lights changed colour, which risks are new, which have cleared and which changed level.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from bsdash.analysis.figures import Headline
from bsdash.analysis.figures.risks import KINDS, ORDER, Risk
from bsdash.formatting import counted

LEVEL_WORDS = {"good": "on track", "watch": "watch", "act": "act"}


@dataclass(frozen=True)
class Item:
    """A light or a risk as an alert knows it."""

    level: str  # good, watch or act
    heading: str  # what kind of thing: the light's name, or the kind of risk
    title: str  # which one, for saying it has cleared
    sentence: str  # its figures

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


State = Mapping[str, Item]


@dataclass(frozen=True)
class Change:
    key: str
    before: Item | None  # None: new
    after: Item | None  # None: cleared
    text: str


def state_of(headlines: list[Headline], risks: list[Risk]) -> dict[str, Item]:
    """The lights of the headline figures (each at its level, on track included) and the risks other than lights."""
    state = {
        f"light:{tile.label}": Item(
            tile.status.level, tile.label, f"the {tile.label} light", f"{tile.value}. {tile.status.reason}"
        )
        for tile in headlines
        if tile.status is not None
    }
    for risk in risks:
        if risk.kind != "light":
            state[risk.key] = Item(risk.level, KINDS[risk.kind], f"{KINDS[risk.kind]}: {risk.title}", risk.sentence)
    return state


def line(item: Item) -> str:
    """An item as a report lists it: "Forecast outturn: act. £106.0m. Forecast outturn is 103.1% of budget.\""""
    return f"{item.heading}: {LEVEL_WORDS[item.level]}. {item.sentence}"


def changes(before: State, after: State) -> list[Change]:
    """What changed from `before` to `after`: lights first, then new risks, risks whose level changed, cleared
    ones; to act on before to watch within each."""
    found = []
    for key, now in after.items():
        then = before.get(key)
        if then is None:
            found.append(Change(key, None, now, line(now) if key.startswith("light:") else f"New: {line(now)}"))
        elif then.level != now.level:
            found.append(
                Change(
                    key,
                    then,
                    now,
                    f"{now.heading}: {LEVEL_WORDS[then.level]} -> {LEVEL_WORDS[now.level]}. {now.sentence}",
                )
            )
    for key, then in before.items():
        if key not in after:
            found.append(Change(key, then, None, f"Cleared: {then.title} (was {LEVEL_WORDS[then.level]})."))
    return sorted(found, key=_order)


def _order(change: Change) -> tuple[int, int, int]:
    light = 0 if change.key.startswith("light:") else 1
    kind = 0 if change.before is None else 2 if change.after is None else 1
    level = ORDER[(change.after or change.before).level]  # type: ignore[union-attr]
    return light, kind, level


def overview_line(state: State) -> str:
    """Where things stand: the lights by level and the risks to act on and to watch."""
    lights = [item.level for key, item in state.items() if key.startswith("light:")]
    risks = [item.level for key, item in state.items() if not key.startswith("light:")]
    return (
        f"Now: {counted(len(lights), 'light')} ({lights.count('act')} act, {lights.count('watch')} watch, "
        f"{lights.count('good')} on track); {counted(len(risks), 'risk')} ({risks.count('act')} to act on, "
        f"{risks.count('watch')} to watch)."
    )


def items_from(saved: Mapping[str, Mapping[str, str]]) -> dict[str, Item]:
    """A state as the state file keeps it (key -> its fields)."""
    return {key: Item(**fields) for key, fields in saved.items()}
