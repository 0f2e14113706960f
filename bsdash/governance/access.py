"""Who may see what, declared as data: the pages, each role's rights, and how a signed-in person gets a role.

No Streamlit here: the router (dashboard.py), the pages and the tests all read the same rules.

A person's role comes from the identity provider's claims (Entra ID app roles in the `roles` claim, or security
groups in the `groups` claim) or from the access file, a small TOML file of users and groups:

    [users."alice.smith@kent.police.uk"]
    role = "planner"
    departments = ["CYB", "NPT-MAI"]      # a planner's own departments

    [groups."3f2b6c1e-0d7a-4c55-9f3e-2a1b0c9d8e7f"]   # an Entra ID group's object ID, as the groups claim gives it
    role = "analyst"

A user's own entry decides their role; otherwise the widest of the roles their claims and groups give
(administrator, analyst, leader, planner, in that order). A planner's departments are those of their own entry
and of every group entry that applies to them.
"""

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

LEADER, PLANNER, ANALYST, ADMINISTRATOR = "leader", "planner", "analyst", "administrator"
ROLES = (LEADER, PLANNER, ANALYST, ADMINISTRATOR)
# When claims and groups give several roles, the first of these wins: it sees the most.
PRECEDENCE = (ADMINISTRATOR, ANALYST, LEADER, PLANNER)
# Bound as the row-level queries' $allowed_departments for someone scoped to no department at all: no department
# code can match it (codes are capitals, digits and dashes), so they see no rows rather than every row.
NO_DEPARTMENT = "(none)"


@dataclass(frozen=True)
class PageSpec:
    """One page of the dashboard: its key (the URL path, "" for the start page), place and script, and whether it
    reads the shared filters (period, departments, service and provider types): the panel is drawn only where they
    apply."""

    key: str
    section: str
    title: str
    icon: str
    script: str
    shared_filters: bool = True


OVERVIEW = ""  # the start page's key
PAGES = (
    PageSpec(OVERVIEW, "Leadership", "Overview", ":material/dashboard:", "pages/overview.py"),
    PageSpec("benchmarks", "Leadership", "Benchmarks", ":material/leaderboard:", "pages/benchmarks.py"),
    PageSpec("departments", "Planning", "Departments", ":material/compare_arrows:", "pages/departments.py"),
    PageSpec("spend", "Planning", "Spend & budgets", ":material/payments:", "pages/spend.py"),
    PageSpec("service_levels", "Planning", "Service levels", ":material/timer:", "pages/service_levels.py"),
    PageSpec("procurement", "Planning", "Procurement & contracts", ":material/contract:", "pages/procurement.py"),
    PageSpec("assets", "Planning", "Assets & licences", ":material/devices:", "pages/assets.py"),
    PageSpec("forecasts", "Planning", "Forecasts", ":material/trending_up:", "pages/forecasts.py"),
    PageSpec("outsourcing", "Analysis", "Outsourcing before & after", ":material/compare:", "pages/outsourcing.py"),
    PageSpec("explorer", "Analysis", "Data explorer", ":material/table_view:", "pages/explorer.py"),
    PageSpec("import", "Analysis", "Import exports", ":material/upload_file:", "pages/import.py", shared_filters=False),
    PageSpec(
        "reference_mapping",
        "Analysis",
        "Reference mapping",
        ":material/account_tree:",
        "pages/reference_mapping.py",
        shared_filters=False,
    ),
    PageSpec("audit", "Administration", "Audit log", ":material/policy:", "pages/audit.py", shared_filters=False),
)
PAGE_KEYS = tuple(page.key for page in PAGES)

_READING = (
    "",
    "benchmarks",
    "departments",
    "spend",
    "service_levels",
    "procurement",
    "assets",
    "forecasts",
    "outsourcing",
)


@dataclass(frozen=True)
class Rights:
    """What a role may do. `pages` are those it sees in the navigation and may open by URL."""

    pages: frozenset[str]
    download: bool  # take tables away as CSV, Excel or Parquet
    import_data: bool  # import exports and edit the reference map
    audit: bool  # read (and download) the audit log
    scoped: bool  # payment- and ticket-level rows only of the person's own departments

    @property
    def board_pack(self) -> bool:
        """The Overview's figures as a PDF: for whoever may open the Overview (aggregates only, no rows)."""
        return OVERVIEW in self.pages


RIGHTS: dict[str, Rights] = {
    # Leaders read the figures on screen and take the board pack (aggregates only); numbers leave with the others.
    LEADER: Rights(frozenset(_READING), download=False, import_data=False, audit=False, scoped=False),
    PLANNER: Rights(frozenset((*_READING, "explorer")), download=True, import_data=False, audit=False, scoped=True),
    ANALYST: Rights(
        frozenset((*_READING, "explorer", "import", "reference_mapping")),
        download=True,
        import_data=True,
        audit=False,
        scoped=False,
    ),
    ADMINISTRATOR: Rights(frozenset(PAGE_KEYS), download=True, import_data=True, audit=True, scoped=False),
}
NO_RIGHTS = Rights(frozenset(), download=False, import_data=False, audit=False, scoped=True)


@dataclass(frozen=True)
class Viewer:
    """The person looking at the dashboard, and what their role lets them do."""

    who: str  # as recorded: the immutable ID (oid or sub), with the e-mail beside it; "sign-in off" when off
    name: str
    role: str | None  # None: signed in, but given no role
    departments: tuple[str, ...] = ()  # a planner's own departments
    signed_in: bool = True

    @property
    def rights(self) -> Rights:
        return RIGHTS.get(self.role or "", NO_RIGHTS)

    def may_open(self, page_key: str) -> bool:
        return page_key in self.rights.pages

    @property
    def may_download(self) -> bool:
        return self.rights.download

    @property
    def may_take_board_pack(self) -> bool:
        return self.rights.board_pack

    @property
    def may_import(self) -> bool:
        return self.rights.import_data

    @property
    def may_read_audit(self) -> bool:
        return self.rights.audit

    @property
    def scoped(self) -> bool:
        return self.rights.scoped

    def allowed_departments(self) -> list[str] | None:
        """The row-level queries' $allowed_departments: None sees every row, a list only those departments."""
        if not self.scoped:
            return None
        return list(self.departments) or [NO_DEPARTMENT]

    def pages(self) -> list[PageSpec]:
        return [page for page in PAGES if self.may_open(page.key)]


NOBODY_SIGNS_IN = Viewer(who="sign-in off", name="Everyone (sign-in off)", role=ADMINISTRATOR, signed_in=False)


class AccessFileError(Exception):
    """The access file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Entry:
    role: str | None = None
    departments: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccessMap:
    """The access file: entries by user (lower-case e-mail or user name) and by group (ID or name)."""

    users: dict[str, Entry] = field(default_factory=dict)
    groups: dict[str, Entry] = field(default_factory=dict)


def load_access_map(path: Path | None) -> AccessMap:
    """Read and check the access file; a missing path or file means no entries."""
    if path is None or not Path(path).is_file():
        return AccessMap()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise AccessFileError(f"{path}: not a valid TOML file ({error}).") from error
    return parse_access_map(data, str(path))


def parse_access_map(data: Mapping[str, object], where: str = "the access file") -> AccessMap:
    unknown = sorted(set(data) - {"users", "groups"})
    if unknown:
        raise AccessFileError(f'{where}: unknown section {", ".join(unknown)} (use [users."..."] and [groups."..."]).')
    sections = {}
    for section in ("users", "groups"):
        entries = data.get(section, {})
        if not isinstance(entries, Mapping):
            raise AccessFileError(f"{where}: [{section}] must hold one table per {section[:-1]}.")
        sections[section] = {
            str(key).strip().lower(): _entry(value, f"{where}: {section}.{key}") for key, value in entries.items()
        }
    return AccessMap(users=sections["users"], groups=sections["groups"])


def _entry(value: object, where: str) -> Entry:
    if not isinstance(value, Mapping):
        raise AccessFileError(f"{where}: must be a table with role and/or departments.")
    unknown = sorted(set(value) - {"role", "departments"})
    if unknown:
        raise AccessFileError(f"{where}: unknown key {', '.join(unknown)} (only role and departments).")
    role = value.get("role")
    if role is not None and (not isinstance(role, str) or role.strip().lower() not in ROLES):
        raise AccessFileError(f"{where}: role {role!r} is not one of {', '.join(ROLES)}.")
    departments = value.get("departments", [])
    if not isinstance(departments, list) or not all(isinstance(d, str) and d.strip() for d in departments):
        raise AccessFileError(f'{where}: departments must be a list of department codes, for example ["CYB"].')
    return Entry(role.strip().lower() if role else None, tuple(dict.fromkeys(d.strip().upper() for d in departments)))


def identity(claims: Mapping[str, object]) -> str:
    """Who the claims are about, by a claim that never changes: Entra ID's object ID (`oid`), otherwise the OpenID
    subject (`sub`, present in every sign-in). An e-mail or user name can change, some by the person themself, so
    neither ever identifies anyone here."""
    return _first_text(claims, ("oid", "sub"))


def email(claims: Mapping[str, object]) -> str:
    """The e-mail or user principal name: only to find the person's entry in the access file, and to show."""
    return _first_text(claims, ("email", "preferred_username", "upn"))


def recorded_as(claims: Mapping[str, object]) -> str:
    """How the audit log and the imports name someone: their e-mail for people to read, with the immutable ID
    that identifies them (once, where the identity provider uses the e-mail as the subject)."""
    who, address = identity(claims), email(claims)
    if not who or not address or who.lower() == address.lower():
        return who
    return f"{address} ({who})"


def _first_text(claims: Mapping[str, object], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = claims.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def roles_in_claims(claims: Mapping[str, object]) -> set[str]:
    """Our roles named in the `roles` claim. Entra ID app roles may carry a prefix: "BSDash.Planner" is planner."""
    return {value.rsplit(".", 1)[-1].strip().lower() for value in _strings(claims.get("roles"))} & set(ROLES)


def viewer_from_claims(claims: Mapping[str, object], access: AccessMap) -> Viewer:
    """The signed-in person the identity provider's claims describe, with their role and departments.

    Claims with no immutable ID (no `oid` or `sub`) identify nobody, and give no role. A user's entry in the
    access file is found by that ID, or else by their e-mail or user principal name."""
    subject, address = identity(claims), email(claims)
    if not subject:
        return Viewer(who="", name=address, role=None)
    own = access.users.get(subject.lower()) or access.users.get(address.lower())
    groups = [access.groups[g.lower()] for g in _strings(claims.get("groups")) if g.lower() in access.groups]
    if own is not None and own.role:
        role: str | None = own.role
    else:
        offered = roles_in_claims(claims) | {g.role for g in groups if g.role}
        role = next((r for r in PRECEDENCE if r in offered), None)
    departments = [*(own.departments if own else ()), *(d for g in groups for d in g.departments)]
    name = claims.get("name")
    return Viewer(
        who=recorded_as(claims),
        name=name if isinstance(name, str) and name.strip() else address or subject,
        role=role,
        departments=tuple(dict.fromkeys(departments)),
    )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, Iterable) and not isinstance(value, Mapping | bytes):
        return [str(v).strip() for v in value if isinstance(v, str | int) and str(v).strip()]
    return []


def rights_table() -> str:
    """The rules as a Markdown table for people, one column per role: the README holds this text, and a test
    keeps the two the same."""

    def row(what: str, cells: Iterable[str]) -> str:
        return f"| {what} | " + " | ".join(cells) + " |"

    def yes(allowed: bool) -> str:
        return "yes" if allowed else "no"

    lines = [row("page or right", ROLES), row("---", ["---"] * len(ROLES))]
    for page in PAGES:
        lines.append(row(f"{page.section} / {page.title}", (yes(page.key in RIGHTS[r].pages) for r in ROLES)))
    lines.append(row("Download tables (CSV, Excel)", (yes(RIGHTS[r].download) for r in ROLES)))
    lines.append(row("Download the board pack (PDF)", (yes(RIGHTS[r].board_pack) for r in ROLES)))
    lines.append(row("Import exports, edit the reference map", (yes(RIGHTS[r].import_data) for r in ROLES)))
    lines.append(row("Read and download the audit log", (yes(RIGHTS[r].audit) for r in ROLES)))
    lines.append(
        row(
            "Payment, ticket and asset rows",
            ("own departments" if RIGHTS[r].scoped else "all departments" for r in ROLES),
        )
    )
    return "\n".join(lines) + "\n"
