"""The sample force: its departments, service catalogue and suppliers, and how much of each service each uses.

Modelled on Kent: 13 district neighbourhood teams in North, West and East areas, the Cyber Crime Unit and other
operational commands, and the support functions. The figures are illustrative, not Kent's own.
"""

from dataclasses import dataclass, field
from datetime import date

# The sample's data ends here: the fifth financial year (2025/26) is ten months in.
AS_AT = date(2026, 1, 31)
FIRST_DAY = date(2021, 4, 1)
# IT support moved from the shared Kent & Essex ICT service to an external supplier on this day.
OUTSOURCING_DATE = date(2023, 10, 1)


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    directorate: str
    area: str
    kind: str
    officers: float
    staff: float
    # Spend per FTE on a service relative to the force's base rate (1 = base).
    needs: dict[str, float] = field(default_factory=dict)
    # Tickets per FTE relative to the force's base rate.
    ticket_intensity: float = 1.0
    # Actual spend against plan, by service, for budgets that run over (> 1) or under (< 1).
    overrun: dict[str, float] = field(default_factory=dict)
    # Open around the clock (tickets arrive at night and at weekends too).
    round_the_clock: bool = False
    # Earlier names that old exports still use.
    aliases: tuple[str, ...] = ()


NEIGHBOURHOOD_NEEDS = {
    "it_support": 0.7,
    "fleet": 1.9,
    "facilities": 1.6,
    "security_systems": 1.1,
    "printing": 1.2,
    "catering": 0.6,
    "training": 0.8,
    "legal": 0.5,
}
SUPPORT_NEEDS = {
    "it_support": 1.1,
    "fleet": 0.15,
    "facilities": 0.9,
    "security_systems": 0.5,
    "printing": 1.3,
    "catering": 0.5,
    "training": 0.9,
    "legal": 0.6,
}


def _npt(code: str, district: str, area: str, officers: float, staff: float, **extra) -> Department:
    return Department(
        code,
        f"{district} Neighbourhood Policing Team",
        "Local Policing",
        area,
        "neighbourhood",
        officers,
        staff,
        dict(NEIGHBOURHOOD_NEEDS),
        ticket_intensity=0.75,
        **extra,
    )


DEPARTMENTS: tuple[Department, ...] = (
    _npt("NPT-DAR", "Dartford", "North", 130, 20),
    _npt("NPT-GRA", "Gravesham", "North", 125, 20),
    _npt("NPT-MED", "Medway", "North", 262, 41, overrun={"facilities": 1.11}),
    _npt("NPT-SWA", "Swale", "North", 150, 22),
    _npt("NPT-MAI", "Maidstone", "West", 190, 30),
    _npt(
        "NPT-TON",
        "Tonbridge & Malling",
        "West",
        110,
        17,
        aliases=("Tonbridge and Malling Neighbourhood Policing Team",),
    ),
    _npt("NPT-TUN", "Tunbridge Wells", "West", 100, 16),
    _npt("NPT-SEV", "Sevenoaks", "West", 90, 15, overrun={"fleet": 0.9}),
    _npt("NPT-CAN", "Canterbury", "East", 180, 28),
    _npt("NPT-THA", "Thanet", "East", 185, 28, overrun={"fleet": 1.08}),
    _npt("NPT-DOV", "Dover", "East", 120, 18),
    _npt("NPT-FOL", "Folkestone & Hythe", "East", 130, 20),
    _npt("NPT-ASH", "Ashford", "East", 140, 22),
    Department(
        "CYB",
        "Cyber Crime Unit",
        "Serious Crime Directorate",
        "Force-wide",
        "operational",
        38,
        26,
        {
            "it_support": 7.5,
            "fleet": 0.15,
            "facilities": 0.6,
            "security_systems": 1.2,
            "printing": 0.4,
            "catering": 0.4,
            "training": 3.2,
            "legal": 0.8,
        },
        ticket_intensity=5.0,
        overrun={"it_support": 1.21, "training": 1.12},
    ),
    Department(
        "SCD",
        "Serious Crime Directorate",
        "Serious Crime Directorate",
        "Force-wide",
        "operational",
        420,
        160,
        {"it_support": 1.6, "fleet": 1.0, "facilities": 0.9, "legal": 1.4, "training": 1.2},
        ticket_intensity=1.2,
    ),
    Department(
        "PPC",
        "Public Protection",
        "Public Protection",
        "Force-wide",
        "operational",
        380,
        120,
        {"it_support": 1.1, "fleet": 0.8, "legal": 2.4, "training": 1.4, "printing": 1.3},
        ticket_intensity=1.1,
    ),
    Department(
        "FCR",
        "Force Control Room",
        "Local Policing",
        "Force-wide",
        "operational",
        60,
        520,
        {
            "it_support": 2.1,
            "fleet": 0.1,
            "facilities": 0.9,
            "security_systems": 2.0,
            "catering": 1.6,
            "training": 0.9,
            "printing": 0.4,
            "legal": 0.3,
        },
        ticket_intensity=2.0,
        overrun={"it_support": 1.08},
        round_the_clock=True,
    ),
    Department(
        "CCJ",
        "Custody & Criminal Justice",
        "Criminal Justice",
        "Force-wide",
        "operational",
        140,
        360,
        {
            "it_support": 1.0,
            "fleet": 0.4,
            "facilities": 2.0,
            "security_systems": 4.0,
            "catering": 5.0,
            "printing": 3.0,
            "training": 0.8,
            "legal": 1.2,
        },
        ticket_intensity=1.3,
        overrun={"catering": 1.12},
        round_the_clock=True,
    ),
    Department(
        "RPU",
        "Roads Policing",
        "Operational Support",
        "Force-wide",
        "operational",
        170,
        30,
        {
            "it_support": 0.8,
            "fleet": 4.2,
            "facilities": 0.8,
            "training": 2.4,
            "catering": 0.6,
            "printing": 0.7,
            "legal": 0.8,
        },
        ticket_intensity=0.7,
        overrun={"fleet": 1.1},
    ),
    Department(
        "TAC",
        "Tactical Operations",
        "Operational Support",
        "Force-wide",
        "operational",
        260,
        40,
        {
            "it_support": 0.9,
            "fleet": 3.0,
            "facilities": 1.1,
            "training": 3.0,
            "catering": 1.5,
            "printing": 0.5,
            "legal": 0.7,
        },
        ticket_intensity=0.8,
        overrun={"fleet": 1.15},
    ),
    Department(
        "PSD",
        "Professional Standards",
        "Professional Standards",
        "Force-wide",
        "operational",
        45,
        30,
        {"it_support": 1.3, "fleet": 0.5, "legal": 6.0, "printing": 1.5},
        ticket_intensity=1.2,
    ),
    Department(
        "INT",
        "Force Intelligence",
        "Intelligence",
        "Force-wide",
        "operational",
        150,
        190,
        {"it_support": 1.8, "fleet": 0.4, "training": 1.1, "printing": 0.8},
        ticket_intensity=1.6,
    ),
    Department(
        "ICT",
        "ICT",
        "Business Support",
        "Force-wide",
        "support",
        4,
        210,
        {**SUPPORT_NEEDS, "it_support": 3.0},
        ticket_intensity=1.5,
    ),
    Department(
        "HRS",
        "Human Resources",
        "Business Support",
        "Force-wide",
        "support",
        6,
        140,
        {**SUPPORT_NEEDS, "legal": 3.0, "training": 1.2},
        ticket_intensity=1.3,
    ),
    Department(
        "FIN", "Finance", "Business Support", "Force-wide", "support", 0, 70, dict(SUPPORT_NEEDS), ticket_intensity=1.3
    ),
    Department(
        "EST",
        "Estates",
        "Business Support",
        "Force-wide",
        "support",
        0,
        95,
        {**SUPPORT_NEEDS, "facilities": 4.0, "security_systems": 3.0},
        ticket_intensity=1.3,
    ),
    Department(
        "FLT",
        "Fleet Services",
        "Business Support",
        "Force-wide",
        "support",
        0,
        85,
        {**SUPPORT_NEEDS, "fleet": 3.0},
        ticket_intensity=1.2,
    ),
    Department(
        "PRO",
        "Procurement",
        "Business Support",
        "Force-wide",
        "support",
        0,
        30,
        dict(SUPPORT_NEEDS),
        ticket_intensity=1.3,
    ),
    Department(
        "LEG",
        "Legal Services",
        "Business Support",
        "Force-wide",
        "support",
        0,
        28,
        {**SUPPORT_NEEDS, "legal": 12.0, "printing": 2.0},
        ticket_intensity=1.3,
        overrun={"legal": 1.18},
    ),
    Department(
        "LND",
        "Learning & Development",
        "Business Support",
        "Force-wide",
        "support",
        45,
        80,
        {**SUPPORT_NEEDS, "training": 6.0, "catering": 4.0, "facilities": 1.2},
        ticket_intensity=1.2,
        overrun={"training": 0.86},
    ),
)

# An operation's cost code that is not a department: its payments stay "Unmapped" until someone maps them.
UNMAPPED_COST_CENTRE = "Op Sentinel (Major Incident)"


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    poa_function: str
    provider_type: str
    cost_basis: str
    typical_provider: str
    description: str
    # Annual spend per FTE at a need of 1, GBP (2021/22 prices).
    base_rate: float
    # Expense types with their share of the service's spend, typical payment (GBP) and share paid from capital.
    expense_types: tuple[tuple[str, float, float, float], ...]
    # The measure reported monthly for the non-IT services: name, target, typical level, spread, volume.
    kpi: tuple[str, float, float, float, int] | None = None


SERVICES: tuple[Service, ...] = (
    Service(
        "it_support",
        "IT support & maintenance",
        "ICT",
        "external",
        "Contract, variable",
        "Internal IT department / external contractor",
        "Hardware, software and network support; the service desk; end-user devices and licences.",
        3500,
        (
            ("IT managed service", 0.34, 9000, 0.0),
            ("Software licences", 0.22, 4200, 0.0),
            ("Hardware purchase", 0.2, 2600, 0.6),
            ("Network & telecoms", 0.14, 3800, 0.0),
            ("IT consultancy", 0.1, 5200, 0.1),
        ),
    ),
    Service(
        "security_systems",
        "Security systems (CCTV, access control)",
        "Estates",
        "external",
        "Significant annual cost",
        "Specialised security firm",
        "CCTV, access control and alarms that protect police buildings and assets.",
        490,
        (
            ("CCTV maintenance", 0.38, 2600, 0.0),
            ("Access control maintenance", 0.27, 1900, 0.0),
            ("Security system installation", 0.22, 8200, 1.0),
            ("Alarm monitoring", 0.13, 1300, 0.0),
        ),
        kpi=("Faults fixed within 24 hours", 95, 94.2, 2.0, 70),
    ),
    Service(
        "catering",
        "Catering",
        "Other support",
        "external",
        "Per meal / event",
        "External catering company",
        "Meals for staff, visitors and detainees; hospitality for events and courses.",
        330,
        (
            ("Detainee meals", 0.3, 1500, 0.0),
            ("Staff restaurant contract", 0.4, 2400, 0.0),
            ("Hospitality & events", 0.2, 900, 0.0),
            ("Catering provisions", 0.1, 700, 0.0),
        ),
        kpi=("Customer satisfaction", 85, 86.0, 2.5, 240),
    ),
    Service(
        "training",
        "Training & development",
        "Training",
        "internal",
        "Per course / training session",
        "Internal training department / external trainers",
        "Officer training, specialist skills and management development.",
        870,
        (
            ("External training courses", 0.45, 1900, 0.0),
            ("Specialist training", 0.3, 3400, 0.0),
            ("Conference fees", 0.1, 900, 0.0),
            ("Trainer fees", 0.15, 1400, 0.0),
        ),
        kpi=("Course fill rate", 85, 82.5, 4.0, 160),
    ),
    Service(
        "facilities",
        "Facilities management",
        "Estates",
        "internal",
        "Annual contract fee",
        "Internal facilities team / external contractor",
        "Building maintenance, cleaning and utilities of police stations and offices.",
        2830,
        (
            ("Building maintenance", 0.3, 3100, 0.0),
            ("Cleaning", 0.18, 2200, 0.0),
            ("Utilities", 0.27, 4100, 0.0),
            ("Reactive repairs", 0.15, 1300, 0.0),
            ("Minor works", 0.1, 7400, 1.0),
        ),
        kpi=("Reactive jobs completed within target", 92, 90.4, 2.8, 900),
    ),
    Service(
        "fleet",
        "Fleet management",
        "Fleet",
        "collaborated",
        "Variable with fleet size and maintenance",
        "Internal fleet team / external contractor (Kent & Essex joint transport)",
        "Vehicle maintenance, repair, fuel and replacement.",
        2180,
        (
            ("Vehicle maintenance", 0.3, 1700, 0.0),
            ("Fuel", 0.32, 2100, 0.0),
            ("Tyres", 0.08, 800, 0.0),
            ("Vehicle leasing", 0.12, 2600, 0.0),
            ("Vehicle purchase", 0.18, 21000, 1.0),
        ),
        kpi=("Vehicle availability", 92, 91.3, 1.8, 1000),
    ),
    Service(
        "printing",
        "Printing & stationery",
        "Administration support",
        "external",
        "Ongoing operational expenditure",
        "Office supply company",
        "Office supplies, printing and postage.",
        195,
        (("Stationery", 0.4, 800, 0.0), ("Printing", 0.3, 1100, 0.0), ("Postage & courier", 0.3, 950, 0.0)),
        kpi=("Orders delivered next working day", 98, 97.6, 1.0, 1300),
    ),
    Service(
        "legal",
        "Legal services",
        "Legal",
        "collaborated",
        "Variable, depending on legal needs",
        "In-house legal team / external law firms",
        "Legal advice and representation (Kent & Essex shared legal services and external firms).",
        380,
        (
            ("External legal advice", 0.45, 3300, 0.0),
            ("Counsel fees", 0.35, 4100, 0.0),
            ("Court fees", 0.1, 1200, 0.0),
            ("Employment tribunal costs", 0.1, 5400, 0.0),
        ),
        kpi=("Advice within 10 working days", 90, 88.5, 3.5, 110),
    ),
)


@dataclass(frozen=True)
class Supplier:
    name: str
    service: str
    weight: float
    provider_type: str = "external"
    sme: bool = False
    # Payments only between these dates (the outsourcing swaps suppliers).
    active_from: date | None = None
    active_to: date | None = None
    # Only these expense types (all of the service's when empty).
    expense_types: tuple[str, ...] = ()
    # Departments that use this supplier much more than others (a multiplier on its weight).
    favoured_by: dict[str, float] = field(default_factory=dict)
    # (title, route, start, end, reprocurement lead months) of its contract, when it has one.
    contract: tuple[str, str, date, date] | None = None


def _d(text: str) -> date:
    return date.fromisoformat(text)


# The named suppliers of each service; each service also has a tail of small ones (see generator).
SUPPLIERS: tuple[Supplier, ...] = (
    Supplier(
        "Essex Police (Shared ICT Services)",
        "it_support",
        0.42,
        "collaborated",
        active_to=_d("2023-09-30"),
        expense_types=("IT managed service", "Network & telecoms", "IT consultancy"),
        contract=(
            "Kent & Essex shared ICT services agreement",
            "Collaborative agreement",
            _d("2016-04-01"),
            _d("2023-09-30"),
        ),
    ),
    Supplier(
        "Meridian Digital Services Ltd",
        "it_support",
        0.5,
        active_from=OUTSOURCING_DATE,
        expense_types=("IT managed service", "Network & telecoms", "IT consultancy"),
        contract=("IT service desk, end-user and field support", "Open tender", OUTSOURCING_DATE, _d("2028-09-30")),
    ),
    Supplier(
        "Brightwave Computing Ltd",
        "it_support",
        0.5,
        expense_types=("Hardware purchase",),
        contract=("End-user devices (framework call-off)", "Framework call-off", _d("2022-06-01"), _d("2026-05-31")),
    ),
    Supplier(
        "Cobalt Software Solutions Ltd",
        "it_support",
        0.45,
        expense_types=("Software licences",),
        contract=("Enterprise software licensing (reseller)", "Framework call-off", _d("2023-04-01"), _d("2026-03-31")),
    ),
    Supplier(
        "Northdown Networks Ltd",
        "it_support",
        0.35,
        expense_types=("Network & telecoms",),
        contract=("Wide-area network and telephony", "Restricted tender", _d("2021-01-01"), _d("2026-12-31")),
    ),
    Supplier(
        "Forensic Data Systems Ltd",
        "it_support",
        0.08,
        sme=True,
        expense_types=("Software licences", "Hardware purchase"),
        favoured_by={"CYB": 60, "INT": 4},
        contract=(
            "Digital forensics tools and support",
            "Competitive flexible procedure",
            _d("2025-04-01"),
            _d("2028-03-31"),
        ),
    ),
    Supplier(
        "Sentinel Security Systems Ltd",
        "security_systems",
        0.68,
        contract=("CCTV and access control maintenance", "Open tender", _d("2021-07-01"), _d("2026-06-30")),
    ),
    Supplier(
        "Castle Access Control Ltd",
        "security_systems",
        0.1,
        sme=True,
        expense_types=("Access control maintenance", "Security system installation"),
        contract=("Access control installation", "Quotation", _d("2024-02-01"), _d("2027-01-31")),
    ),
    Supplier(
        "Invicta Alarm Monitoring Ltd",
        "security_systems",
        0.08,
        sme=True,
        expense_types=("Alarm monitoring",),
        contract=("Alarm receiving centre", "Direct award", _d("2023-11-01"), _d("2026-10-31")),
    ),
    Supplier(
        "Harvest Table Catering Ltd",
        "catering",
        0.8,
        contract=("Staff restaurants and detainee meals", "Open tender", _d("2022-01-01"), _d("2026-12-31")),
    ),
    Supplier("Kentish Fayre Events", "catering", 0.06, sme=True, expense_types=("Hospitality & events",)),
    Supplier(
        "College of Policing", "training", 0.2, expense_types=("External training courses", "Specialist training")
    ),
    Supplier(
        "Blue Light Training Ltd",
        "training",
        0.14,
        sme=True,
        contract=("Leadership and management development", "Framework call-off", _d("2023-09-01"), _d("2026-08-31")),
    ),
    Supplier(
        "Cyber Skills Academy Ltd",
        "training",
        0.03,
        sme=True,
        expense_types=("Specialist training",),
        favoured_by={"CYB": 80, "INT": 3},
        contract=(
            "Specialist cyber and digital forensics training",
            "Direct award",
            _d("2024-06-01"),
            _d("2027-05-31"),
        ),
    ),
    Supplier(
        "Advanced Driver Training (SE) Ltd",
        "training",
        0.06,
        sme=True,
        expense_types=("Specialist training",),
        favoured_by={"RPU": 12, "TAC": 6},
        contract=("Police driver training", "Restricted tender", _d("2022-04-01"), _d("2026-07-31")),
    ),
    Supplier(
        "Weald Facilities Management Ltd",
        "facilities",
        0.42,
        expense_types=("Building maintenance", "Cleaning", "Reactive repairs"),
        contract=("Total facilities management", "Open tender", _d("2020-04-01"), _d("2027-03-31")),
    ),
    Supplier(
        "South East Power & Gas Ltd",
        "facilities",
        0.26,
        expense_types=("Utilities",),
        contract=("Electricity and gas supply (framework)", "Framework call-off", _d("2022-10-01"), _d("2026-09-30")),
    ),
    Supplier("Garden of England Cleaning Services", "facilities", 0.05, sme=True, expense_types=("Cleaning",)),
    Supplier(
        "Medway Building Contractors Ltd",
        "facilities",
        0.07,
        sme=True,
        expense_types=("Minor works",),
        contract=("Minor works framework lot 2", "Framework call-off", _d("2024-05-01"), _d("2026-04-30")),
    ),
    Supplier(
        "Essex Police (Joint Transport Services)",
        "fleet",
        0.3,
        "collaborated",
        expense_types=("Vehicle maintenance", "Tyres"),
        contract=(
            "Kent & Essex joint transport services",
            "Collaborative agreement",
            _d("2019-04-01"),
            _d("2027-03-31"),
        ),
    ),
    Supplier(
        "Channel Fuels Ltd",
        "fleet",
        0.3,
        expense_types=("Fuel",),
        contract=("Fuel cards (national framework)", "Framework call-off", _d("2023-04-01"), _d("2026-07-31")),
    ),
    Supplier(
        "Kestrel Fleet Solutions Ltd",
        "fleet",
        0.14,
        expense_types=("Vehicle maintenance", "Tyres"),
        contract=("Specialist vehicle maintenance", "Restricted tender", _d("2021-10-01"), _d("2026-09-30")),
    ),
    Supplier(
        "Downland Vehicle Leasing Ltd",
        "fleet",
        0.1,
        expense_types=("Vehicle leasing",),
        contract=("Vehicle leasing", "Framework call-off", _d("2022-01-01"), _d("2027-12-31")),
    ),
    Supplier(
        "Albion Motor Group Ltd",
        "fleet",
        0.1,
        expense_types=("Vehicle purchase",),
        contract=("Marked and unmarked vehicle supply", "Framework call-off", _d("2023-01-01"), _d("2026-12-31")),
    ),
    Supplier(
        "Medway Office Supplies Ltd",
        "printing",
        0.46,
        expense_types=("Stationery", "Printing"),
        contract=("Office supplies (framework)", "Framework call-off", _d("2022-07-01"), _d("2026-06-30")),
    ),
    Supplier(
        "Printcraft Kent Ltd",
        "printing",
        0.16,
        sme=True,
        expense_types=("Printing",),
        contract=("Print management", "Quotation", _d("2023-03-01"), _d("2027-02-28")),
    ),
    Supplier(
        "SwiftPost Ltd",
        "printing",
        0.22,
        expense_types=("Postage & courier",),
        contract=("Postal and courier services", "Framework call-off", _d("2022-04-01"), _d("2026-03-31")),
    ),
    Supplier(
        "Kent & Essex Legal Services",
        "legal",
        0.3,
        "collaborated",
        contract=(
            "Kent & Essex collaborated legal services",
            "Collaborative agreement",
            _d("2018-04-01"),
            _d("2027-03-31"),
        ),
    ),
    Supplier(
        "Hartley & Finch LLP",
        "legal",
        0.09,
        expense_types=("External legal advice",),
        contract=(
            "Legal services panel: employment and regulatory",
            "Framework call-off",
            _d("2023-06-01"),
            _d("2026-05-31"),
        ),
    ),
    Supplier("Carrow Chambers", "legal", 0.06, expense_types=("Counsel fees",)),
    Supplier("HM Courts & Tribunals Service", "legal", 0.08, "external", expense_types=("Court fees",)),
)

REDACTED = "Redacted personal data"
# Share of payments in a service made to individuals whose names are withheld.
REDACTED_SHARE = {"training": 0.05, "legal": 0.06}

TAIL_SUPPLIERS = {
    # service: how many small suppliers, and the share of the service's payments they take together
    "it_support": (70, 0.12),
    "security_systems": (18, 0.12),
    "catering": (22, 0.12),
    "training": (90, 0.45),
    "facilities": (120, 0.14),
    "fleet": (60, 0.08),
    "printing": (25, 0.14),
    "legal": (45, 0.35),
}
TAIL_WORDS = {
    "it_support": (
        ("Apex", "Byte", "Cloud", "Data", "Digital", "Ether", "Nexus", "Pixel", "Quantum", "Vector"),
        ("Systems Ltd", "Technology Ltd", "IT Services Ltd", "Solutions Ltd", "Computing Ltd"),
    ),
    "security_systems": (
        ("Guardian", "Shield", "Watchtower", "Bastion", "Citadel", "Beacon"),
        ("Security Ltd", "Alarms Ltd", "Fire & Security Ltd", "Systems Ltd"),
    ),
    "catering": (
        ("Oast House", "Orchard", "Hop Garden", "Harbour", "Downs", "Weald"),
        ("Catering Ltd", "Foods Ltd", "Kitchens", "Bakery Ltd", "Events Ltd"),
    ),
    "training": (
        ("Academy", "Insight", "Pathway", "Summit", "Bridge", "Compass", "Horizon", "Keystone"),
        ("Training Ltd", "Learning Ltd", "Consulting Ltd", "Associates", "Development Ltd"),
    ),
    "facilities": (
        ("Ashford", "Canterbury", "Dover", "Thanet", "Swale", "Sevenoaks", "Medway", "Romney"),
        (
            "Plumbing Ltd",
            "Electrical Ltd",
            "Roofing Ltd",
            "Building Services Ltd",
            "Glazing Ltd",
            "Grounds Maintenance",
            "Locksmiths Ltd",
            "Waste Services Ltd",
        ),
    ),
    "fleet": (
        ("Channel", "Coastway", "Downs", "Garden County", "Marsh", "Vale"),
        ("Tyres Ltd", "Motors Ltd", "Bodyshop Ltd", "Auto Electrics Ltd", "Recovery Ltd"),
    ),
    "printing": (("Quill", "Ink", "Paper", "Folio", "Press"), ("& Co Ltd", "Supplies Ltd", "Print Ltd")),
    "legal": (
        ("Ashworth", "Blake", "Carrington", "Denholm", "Elwood", "Fairbairn", "Grantham", "Hollis"),
        ("LLP", "Solicitors", "& Partners LLP", "Chambers"),
    ),
}
