-- The data contract: every table the dashboard reads, with its types and constraints.
-- Each column carries a comment; `python -m bsdash schema --markdown` turns them into data/README.md.
-- Statements are separated by a line holding only `;;` so that the loader can run them one by one.

create table if not exists bsdash_meta (
    key varchar primary key,
    value varchar not null
);
;;
create sequence if not exists import_id_seq start 1;
;;
create table if not exists imports (
    import_id integer primary key default nextval('import_id_seq'),
    file_name varchar not null,
    sha256 varchar not null check (regexp_full_match(sha256, '[0-9a-f]{64}')),
    kind varchar not null check (kind in (
        'departments', 'services', 'suppliers', 'contracts', 'spend', 'budgets',
        'tickets', 'service_kpis', 'assets', 'licences', 'reference_map',
        'tender_bids', 'contract_kpis', 'police_forces', 'force_workforce', 'force_spend'
    )),
    rows_read integer not null check (rows_read >= 0),
    loaded integer not null check (loaded >= 0),
    quarantined integer not null check (quarantined >= 0),
    duplicates integer not null check (duplicates >= 0),
    records integer not null check (records >= 0),
    imported_at timestamp not null default current_localtimestamp(),
    imported_by varchar,
    amount_read decimal(16, 2),
    amount_loaded decimal(16, 2),
    amount_quarantined decimal(16, 2),
    amount_duplicates decimal(16, 2),
    file_total decimal(16, 2),
    check (rows_read = loaded + quarantined + duplicates),
    check (amount_read is null or amount_read = amount_loaded + amount_quarantined + amount_duplicates)
);
;;
create table if not exists quarantine (
    import_id integer not null references imports (import_id),
    file_name varchar not null,
    row_number integer not null check (row_number >= 1),
    raw_row varchar not null,
    reason varchar not null,
    primary key (import_id, row_number)
);
;;
create table if not exists departments (
    department_id varchar primary key check (regexp_full_match(department_id, '[A-Z0-9-]+')),
    name varchar not null unique,
    directorate varchar not null,
    area varchar not null check (area in ('North', 'West', 'East', 'Force-wide')),
    kind varchar not null check (kind in ('neighbourhood', 'operational', 'support')),
    officer_fte decimal(9, 2) not null check (officer_fte >= 0),
    staff_fte decimal(9, 2) not null check (staff_fte >= 0)
);
;;
create table if not exists services (
    service_id varchar primary key check (regexp_full_match(service_id, '[a-z_]+')),
    name varchar not null unique,
    poa_function varchar not null check (poa_function in (
        'ICT', 'Estates', 'Fleet', 'Training', 'Other support', 'Administration support', 'Legal',
        'Human Resources', 'Finance', 'Procurement', 'Professional Standards', 'Press & Media',
        'Corporate Development', 'Force Command'
    )),
    provider_type varchar not null check (provider_type in ('internal', 'collaborated', 'external')),
    cost_basis varchar not null,
    typical_provider varchar not null,
    description varchar not null
);
;;
create table if not exists suppliers (
    supplier_id varchar primary key check (regexp_full_match(supplier_id, 'SUP-[0-9A-F]{8}')),
    name varchar not null,
    name_key varchar not null unique,
    supplier_reference varchar,
    provider_type varchar not null check (provider_type in ('internal', 'collaborated', 'external')),
    is_sme boolean,
    is_redacted boolean not null default false
);
;;
create table if not exists contracts (
    contract_id varchar primary key,
    title varchar not null,
    supplier_id varchar not null references suppliers (supplier_id),
    service_id varchar not null references services (service_id),
    start_date date not null,
    end_date date not null,
    annual_value decimal(14, 2) not null check (annual_value >= 0),
    total_value decimal(14, 2) check (total_value >= 0),
    procurement_route varchar not null check (procurement_route in (
        'Open tender', 'Restricted tender', 'Competitive flexible procedure', 'Framework call-off',
        'Direct award', 'Collaborative agreement', 'Quotation'
    )),
    price_score decimal(5, 1) check (price_score between 0 and 100),
    quality_score decimal(5, 1) check (quality_score between 0 and 100),
    capability_score decimal(5, 1) check (capability_score between 0 and 100),
    reprocurement_lead_months integer not null check (reprocurement_lead_months between 1 and 36),
    check (end_date >= start_date)
);
;;
create table if not exists spend (
    -- The relationships of this high-volume table (department_id, service_id, supplier_id, import_id) and
    -- its unique transaction_number are declared in bsdash/store/checks.py and verified for every row an import
    -- loads, inside its transaction: DuckDB foreign keys would cost an index per column and double the import
    -- time, and the primary key's index alone a second per million payments.
    transaction_number varchar not null,
    paid_date date not null,
    department_id varchar,
    source_department varchar,
    service_id varchar,
    source_service varchar,
    supplier_id varchar not null,
    supplier_name varchar not null,
    expense_type varchar,
    capital_revenue varchar check (capital_revenue in ('capital', 'revenue')),
    amount decimal(14, 2) not null,
    key_from_content boolean not null default false,
    paid_date_stated boolean not null default false,
    import_id integer not null
);
;;
create table if not exists budgets (
    financial_year varchar not null check (
        regexp_full_match(financial_year, '[0-9]{4}/[0-9]{2}')
        and (left(financial_year, 4)::integer + 1) % 100 = right(financial_year, 2)::integer
    ),
    department_id varchar not null references departments (department_id),
    service_id varchar not null references services (service_id),
    budget decimal(14, 2) not null check (budget >= 0),
    import_id integer not null references imports (import_id),
    primary key (financial_year, department_id, service_id)
);
;;
create table if not exists sla_targets (
    priority varchar primary key check (priority in ('P1', 'P2', 'P3', 'P4')),
    name varchar not null,
    resolve_within_hours decimal(7, 2) not null check (resolve_within_hours > 0),
    assign_within_minutes integer not null check (assign_within_minutes > 0),
    compliance_target_pct decimal(5, 2) not null check (compliance_target_pct between 0 and 100)
);
;;
create table if not exists tickets (
    -- Relationships (department_id, priority, import_id) are checked like those of spend.
    ticket_number varchar primary key,
    opened_at timestamp not null,
    assigned_at timestamp,
    resolved_at timestamp,
    closed_at timestamp,
    state varchar check (state in (
        'new', 'assigned', 'in progress', 'on hold', 'resolved', 'closed', 'cancelled'
    )),
    source_state varchar,
    priority varchar check (priority in ('P1', 'P2', 'P3', 'P4')),
    source_priority varchar,
    category varchar,
    department_id varchar,
    source_department varchar,
    assignment_group varchar,
    provider_type varchar check (provider_type in ('internal', 'collaborated', 'external')),
    channel varchar,
    reassignment_count integer check (reassignment_count >= 0),
    reopen_count integer check (reopen_count >= 0),
    first_contact_resolution boolean,
    sla_met boolean,
    satisfaction_score tinyint check (satisfaction_score between 1 and 5),
    import_id integer not null,
    check (assigned_at is null or assigned_at >= opened_at),
    check (resolved_at is null or resolved_at >= opened_at),
    check (closed_at is null or closed_at >= coalesce(resolved_at, opened_at))
);
;;
create table if not exists service_kpis (
    month date not null check (day(month) = 1),
    service_id varchar not null references services (service_id),
    measure varchar not null,
    value decimal(9, 2) not null,
    target decimal(9, 2) not null,
    unit varchar not null check (unit in ('%', 'score', 'days', 'hours')),
    higher_is_better boolean not null,
    volume integer check (volume >= 0),
    import_id integer not null references imports (import_id),
    primary key (month, service_id, measure)
);
;;
create table if not exists assets (
    asset_id varchar primary key,
    asset_type varchar not null,
    model varchar,
    service_id varchar references services (service_id),
    department_id varchar references departments (department_id),
    source_department varchar,
    purchased_on date not null,
    purchase_cost decimal(12, 2) check (purchase_cost >= 0),
    refresh_due date,
    warranty_end date,
    status varchar not null check (status in ('in use', 'in stock', 'in repair', 'disposed')),
    import_id integer not null references imports (import_id),
    check (refresh_due is null or refresh_due >= purchased_on)
);
;;
create table if not exists licences (
    licence_id varchar primary key,
    product varchar not null,
    supplier_id varchar references suppliers (supplier_id),
    department_id varchar references departments (department_id),
    source_department varchar,
    licence_model varchar not null check (licence_model in ('per user', 'per device', 'concurrent', 'enterprise')),
    seats_purchased integer not null check (seats_purchased >= 0),
    seats_active integer not null check (seats_active >= 0),
    cost_per_seat decimal(10, 2) not null check (cost_per_seat >= 0),
    renewal_date date not null,
    import_id integer not null references imports (import_id)
);
;;
comment on table imports is 'One row per imported export file.';
;;
comment on column imports.import_id is 'Sequential number of the import.';
;;
comment on column imports.file_name is 'Name of the file as given (without its folder).';
;;
comment on column imports.sha256 is 'SHA-256 of the file''s bytes: a file with the same content is not imported twice.';
;;
comment on column imports.kind is 'What the file holds: departments, services, suppliers, contracts, spend, budgets, tickets, service_kpis, assets, licences, reference_map, tender_bids, contract_kpis, police_forces, force_workforce or force_spend.';
;;
comment on column imports.rows_read is 'Data rows in the file (header, preamble and blank lines excluded); for an event log, one per update. Always loaded + quarantined + duplicates.';
;;
comment on column imports.loaded is 'Rows read that were written to the target table (new or updated); for an event log, the updates of the records written.';
;;
comment on column imports.quarantined is 'Rows kept in quarantine with their reason instead of being loaded.';
;;
comment on column imports.duplicates is 'Rows already present with the same natural key and the same values.';
;;
comment on column imports.records is 'Records written to the target table: the same as loaded, except for an event log (one row per update of a ticket), where it counts the tickets its updates made.';
;;
comment on column imports.imported_at is 'Local time the import was committed.';
;;
comment on column imports.imported_by is 'Who ran the import: the operating-system user, or the signed-in person as the audit log names them.';
;;
comment on column imports.amount_read is 'For a kind with money (spend, budgets, force_spend): the pounds of the rows read, the file''s own total rows aside; always amount_loaded + amount_quarantined + amount_duplicates. Empty for other kinds.';
;;
comment on column imports.amount_loaded is 'Pounds of the rows loaded.';
;;
comment on column imports.amount_quarantined is 'Pounds of the rows quarantined (a row whose amount cannot be read counts for nothing).';
;;
comment on column imports.amount_duplicates is 'Pounds of the rows that were duplicates.';
;;
comment on column imports.file_total is 'The amount on the file''s own total row ("Total", "Grand total"), compared with its rows and never loaded; empty when the file has none.';
;;
comment on table quarantine is 'Rows that broke the contract, kept with their reason so that nothing is lost.';
;;
comment on column quarantine.import_id is 'The import that read the row.';
;;
comment on column quarantine.file_name is 'The file the row came from.';
;;
comment on column quarantine.row_number is 'Line of the row in the file as a spreadsheet shows it (the header is row 1 when there is no preamble).';
;;
comment on column quarantine.raw_row is 'The row as read, a JSON object of source column to text.';
;;
comment on column quarantine.reason is 'Why the row was not loaded, naming the column and the value.';
;;
comment on table departments is 'Departments of the force (cost centres that consume business services), with their establishment.';
;;
comment on column departments.department_id is 'Short code, for example CYB or NPT-MAI.';
;;
comment on column departments.name is 'Name as staff know it, for example Cyber Crime Unit.';
;;
comment on column departments.directorate is 'Directorate or command the department belongs to.';
;;
comment on column departments.area is 'Policing area: North, West, East, or Force-wide.';
;;
comment on column departments.kind is 'neighbourhood (district policing team), operational, or support (the business-support functions).';
;;
comment on column departments.officer_fte is 'Police officers, full-time equivalent.';
;;
comment on column departments.staff_fte is 'Police staff (including PCSOs), full-time equivalent.';
;;
comment on table services is 'The business-service types, tagged with their CIPFA Police Objective Analysis (POA) support function.';
;;
comment on column services.service_id is 'Short code, for example it_support.';
;;
comment on column services.name is 'Service type as in the service catalogue, for example IT support & maintenance.';
;;
comment on column services.poa_function is 'POA support function the service rolls up to (ICT, Estates, Fleet, Training, ...).';
;;
comment on column services.provider_type is 'Who delivers the service now: internal, collaborated (jointly with a neighbouring force) or external.';
;;
comment on column services.cost_basis is 'How the service is paid for (annual contract fee, per meal, per course, ...).';
;;
comment on column services.typical_provider is 'The kind of provider that delivers it.';
;;
comment on column services.description is 'What the service covers.';
;;
comment on table suppliers is 'Organisations paid for business services, one row per supplier however the exports spell its name.';
;;
comment on column suppliers.supplier_id is 'SUP- and eight hex digits derived from name_key, so that every export names a supplier the same way.';
;;
comment on column suppliers.supplier_reference is 'The supplier''s reference in the supplier master or the export that first named it.';
;;
comment on column suppliers.name is 'Supplier name as first written.';
;;
comment on column suppliers.name_key is 'Name in upper case with punctuation and repeated spaces removed: how payments are matched to suppliers.';
;;
comment on column suppliers.provider_type is 'internal, collaborated (a partner force or shared service) or external.';
;;
comment on column suppliers.is_sme is 'Small or medium-sized enterprise, where known.';
;;
comment on column suppliers.is_redacted is 'True for the "Redacted personal data" supplier that stands for individuals.';
;;
comment on table contracts is 'The contract register.';
;;
comment on column contracts.contract_id is 'Contract reference.';
;;
comment on column contracts.title is 'What the contract buys.';
;;
comment on column contracts.supplier_id is 'The supplier holding the contract.';
;;
comment on column contracts.service_id is 'The service type the contract delivers.';
;;
comment on column contracts.start_date is 'First day of the contract.';
;;
comment on column contracts.end_date is 'Last day of the contract, extensions included.';
;;
comment on column contracts.annual_value is 'Expected value per year, GBP.';
;;
comment on column contracts.total_value is 'Expected value over the whole term, GBP.';
;;
comment on column contracts.procurement_route is 'How it was bought: Open tender, Restricted tender, Competitive flexible procedure, Framework call-off, Direct award, Collaborative agreement or Quotation.';
;;
comment on column contracts.price_score is 'Winning bid''s price score out of 100 (lowest price / this price x 100).';
;;
comment on column contracts.quality_score is 'Winning bid''s quality score out of 100.';
;;
comment on column contracts.capability_score is 'Winning bid''s capability score out of 100.';
;;
comment on column contracts.reprocurement_lead_months is 'Months before the end date by which re-procurement must start.';
;;
comment on table spend is 'One row per payment from the spend-over-£500 exports.';
;;
comment on column spend.transaction_number is 'Transaction number from the finance system; identifies the payment. When the export has none, a key made from the payment''s content and its place among identical payments of the file (see key_from_content).';
;;
comment on column spend.paid_date is 'Date the payment was made.';
;;
comment on column spend.department_id is 'Department (cost centre) charged, or empty when the export''s name is not mapped yet.';
;;
comment on column spend.source_department is 'Department or cost centre exactly as the export wrote it; empty when the export does not say (shown as Not given).';
;;
comment on column spend.service_id is 'Service type the payment buys, or empty when not mapped yet.';
;;
comment on column spend.source_service is 'Service area exactly as the export wrote it.';
;;
comment on column spend.supplier_id is 'The supplier paid.';
;;
comment on column spend.supplier_name is 'Supplier name exactly as the export wrote it (trimmed); Not given (withheld) when the export left it blank, Not given when it has no supplier column.';
;;
comment on column spend.expense_type is 'Expense type (subjective) as the export wrote it, for example Software licences; empty when the export does not say.';
;;
comment on column spend.capital_revenue is 'capital or revenue; empty when the export does not say.';
;;
comment on column spend.amount is 'Amount paid, GBP; credits are negative.';
;;
comment on column spend.key_from_content is 'True when the export gave no transaction number and the key was made from the payment''s content.';
;;
comment on column spend.paid_date_stated is 'True when the export''s own paid date was unusable and the date is the one the mapping file stated for the file.';
;;
comment on column spend.import_id is 'The import that loaded the row.';
;;
comment on table budgets is 'Annual budget per financial year, department and service.';
;;
comment on column budgets.financial_year is 'Financial year, 1 April to 31 March, written 2024/25.';
;;
comment on column budgets.department_id is 'Department holding the budget.';
;;
comment on column budgets.service_id is 'Service type the budget is for.';
;;
comment on column budgets.budget is 'Budget for the year, GBP.';
;;
comment on column budgets.import_id is 'The import that loaded the row.';
;;
comment on table sla_targets is 'Resolution and assignment targets of each ticket priority.';
;;
comment on column sla_targets.priority is 'P1 to P4.';
;;
comment on column sla_targets.name is 'Critical, High, Moderate or Low.';
;;
comment on column sla_targets.resolve_within_hours is 'A ticket meets its SLA when resolved within this many hours of being opened.';
;;
comment on column sla_targets.assign_within_minutes is 'Target time from opened to first assignment.';
;;
comment on column sla_targets.compliance_target_pct is 'Share of tickets that should meet the SLA, per cent.';
;;
comment on table tickets is 'One row per IT support ticket, in its latest state.';
;;
comment on column tickets.ticket_number is 'Ticket reference from the service desk, for example INC0012345.';
;;
comment on column tickets.opened_at is 'When the ticket was logged (submitted).';
;;
comment on column tickets.assigned_at is 'First assignment to a resolver.';
;;
comment on column tickets.resolved_at is 'When it was resolved and the user notified; empty while open.';
;;
comment on column tickets.closed_at is 'When it was closed after the user confirmed (or the confirmation period lapsed).';
;;
comment on column tickets.state is 'new, assigned, in progress, on hold, resolved, closed or cancelled; empty when the export does not say or uses a word not mapped yet (see source_state).';
;;
comment on column tickets.source_state is 'The export''s own state when no vocabulary placed it, listed for the analyst to map; empty otherwise.';
;;
comment on column tickets.priority is 'P1 (critical) to P4 (low); see sla_targets. Empty when the export does not say or uses a word not mapped yet (see source_priority).';
;;
comment on column tickets.source_priority is 'The export''s own priority when no vocabulary placed it, listed for the analyst to map; empty otherwise.';
;;
comment on column tickets.category is 'What the ticket is about, for example Hardware or Policing applications; empty when the export does not say.';
;;
comment on column tickets.department_id is 'Department of the person who raised it, or empty when not mapped yet.';
;;
comment on column tickets.source_department is 'Department exactly as the export wrote it.';
;;
comment on column tickets.assignment_group is 'Resolver team that last held the ticket.';
;;
comment on column tickets.provider_type is 'Whether that team is internal, collaborated or external.';
;;
comment on column tickets.channel is 'How it was logged: Phone, Email, Self-service portal or Walk-in.';
;;
comment on column tickets.reassignment_count is 'Times the ticket moved between resolver teams; empty when the export does not say.';
;;
comment on column tickets.reopen_count is 'Times the ticket was reopened after being resolved; empty when the export does not say.';
;;
comment on column tickets.first_contact_resolution is 'Resolved during the first contact with the service desk; empty when the export does not say.';
;;
comment on column tickets.sla_met is 'Resolved within its priority''s target; empty while open.';
;;
comment on column tickets.satisfaction_score is 'Survey score 1 (poor) to 5 (excellent); empty when the user did not answer.';
;;
comment on column tickets.import_id is 'The import that loaded the row.';
;;
comment on table service_kpis is 'Monthly service levels of the non-IT services against their targets.';
;;
comment on column service_kpis.month is 'First day of the month measured.';
;;
comment on column service_kpis.service_id is 'The service measured.';
;;
comment on column service_kpis.measure is 'What is measured, for example Reactive jobs completed within target.';
;;
comment on column service_kpis.value is 'The month''s result.';
;;
comment on column service_kpis.target is 'The target for the month.';
;;
comment on column service_kpis.unit is '% , score, days or hours.';
;;
comment on column service_kpis.higher_is_better is 'True when a value above target is good.';
;;
comment on column service_kpis.volume is 'Jobs, vehicles, meals, places or requests the result is based on.';
;;
comment on column service_kpis.import_id is 'The import that loaded the row.';
;;
comment on table assets is 'The hardware asset register: devices, systems and vehicles.';
;;
comment on column assets.asset_id is 'Asset tag.';
;;
comment on column assets.asset_type is 'Laptop, Desktop, Mobile phone, Server, Network switch, CCTV camera, Access control panel, Vehicle, ...';
;;
comment on column assets.model is 'Make and model.';
;;
comment on column assets.service_id is 'Service that looks after the asset.';
;;
comment on column assets.department_id is 'Department using the asset.';
;;
comment on column assets.source_department is 'Department exactly as the export wrote it.';
;;
comment on column assets.purchased_on is 'Date bought.';
;;
comment on column assets.purchase_cost is 'Price paid, GBP.';
;;
comment on column assets.refresh_due is 'Date by which it should be replaced.';
;;
comment on column assets.warranty_end is 'Last day of the warranty.';
;;
comment on column assets.status is 'in use, in stock, in repair or disposed.';
;;
comment on column assets.import_id is 'The import that loaded the row.';
;;
comment on table licences is 'Software licence entitlements and their use.';
;;
comment on column licences.licence_id is 'Licence agreement reference.';
;;
comment on column licences.product is 'Software product.';
;;
comment on column licences.supplier_id is 'Supplier or reseller.';
;;
comment on column licences.department_id is 'Department the licences are bought for; empty for force-wide licences.';
;;
comment on column licences.source_department is 'Department exactly as the export wrote it.';
;;
comment on column licences.licence_model is 'per user, per device, concurrent or enterprise.';
;;
comment on column licences.seats_purchased is 'Seats (users, devices) paid for.';
;;
comment on column licences.seats_active is 'Seats in use at the last count.';
;;
comment on column licences.cost_per_seat is 'Annual cost of one seat, GBP.';
;;
comment on column licences.renewal_date is 'Next renewal (true-up) date.';
;;
comment on column licences.import_id is 'The import that loaded the row.';
;;
create table if not exists reference_map (
    kind varchar not null check (kind in ('department', 'service', 'expense_type', 'ticket_state', 'priority')),
    source_value varchar not null,
    target_id varchar,
    primary key (kind, source_value)
);
;;
comment on table reference_map is 'How an export''s own labels map onto ours: department, service-area and expense-type labels onto departments and services, ticket states and priorities no vocabulary places onto ours.';
;;
comment on column reference_map.kind is 'department (onto departments), service or expense_type (both onto services), ticket_state (onto our ticket states) or priority (onto P1 to P4).';
;;
comment on column reference_map.source_value is 'The label as exports write it, compared with case, spacing and punctuation set aside.';
;;
comment on column reference_map.target_id is 'department_id, service_id, ticket state or priority it stands for; empty while nobody has mapped it.';
;;
create table if not exists tender_bids (
    contract_id varchar not null references contracts (contract_id),
    bidder varchar not null,
    bid_price decimal(14, 2) not null check (bid_price > 0),
    quality_score decimal(5, 1) not null check (quality_score between 0 and 100),
    capability_score decimal(5, 1) not null check (capability_score between 0 and 100),
    is_winner boolean not null,
    price_weight decimal(5, 1) not null check (price_weight between 0 and 100),
    quality_weight decimal(5, 1) not null check (quality_weight between 0 and 100),
    capability_weight decimal(5, 1) not null check (capability_weight between 0 and 100),
    import_id integer not null references imports (import_id),
    primary key (contract_id, bidder),
    check (price_weight + quality_weight + capability_weight = 100)
);
;;
comment on table tender_bids is 'Every bid of the competed tenders that let the contracts: price, quality and capability, and the weights the tender published.';
;;
comment on column tender_bids.contract_id is 'The contract the tender let (its reference in the contract register).';
;;
comment on column tender_bids.bidder is 'The organisation that bid.';
;;
comment on column tender_bids.bid_price is 'The evaluated price of the bid over the whole term, GBP. Price score = lowest bid / this bid x price weight.';
;;
comment on column tender_bids.quality_score is 'Evaluation panel''s quality score out of 100.';
;;
comment on column tender_bids.capability_score is 'Evaluation panel''s capability score out of 100.';
;;
comment on column tender_bids.is_winner is 'True for the bid the contract was awarded to.';
;;
comment on column tender_bids.price_weight is 'Weight of price in the tender''s evaluation, per cent (the same on every bid of a tender).';
;;
comment on column tender_bids.quality_weight is 'Weight of quality, per cent.';
;;
comment on column tender_bids.capability_weight is 'Weight of capability, per cent; the three weights add up to 100.';
;;
comment on column tender_bids.import_id is 'The import that loaded the row.';
;;
create table if not exists contract_kpis (
    contract_id varchar not null references contracts (contract_id),
    kpi varchar not null,
    period_end date not null,
    rating varchar not null check (rating in ('Good', 'Approaching target', 'Requires improvement', 'Inadequate')),
    target varchar,
    result varchar,
    import_id integer not null references imports (import_id),
    primary key (contract_id, kpi, period_end)
);
;;
comment on table contract_kpis is 'Key performance indicator ratings of contracts (Procurement Act 2023: contracts over £5m need at least 3 KPIs, rated at least once a year).';
;;
comment on column contract_kpis.contract_id is 'The contract rated.';
;;
comment on column contract_kpis.kpi is 'The key performance indicator, for example Incidents resolved within SLA.';
;;
comment on column contract_kpis.period_end is 'Last day of the period the rating covers.';
;;
comment on column contract_kpis.rating is 'Good, Approaching target, Requires improvement or Inadequate (the Procurement Act 2023 scale).';
;;
comment on column contract_kpis.target is 'The target, as the contract states it.';
;;
comment on column contract_kpis.result is 'What was achieved in the period.';
;;
comment on column contract_kpis.import_id is 'The import that loaded the row.';
;;
create table if not exists police_forces (
    force varchar primary key,
    region varchar not null,
    population integer check (population > 0),
    population_source varchar,
    is_home_force boolean not null,
    in_most_similar_group boolean not null,
    import_id integer not null references imports (import_id)
);
;;
comment on table police_forces is 'The territorial police forces of England and Wales, for benchmarking: region, population, and which is ours and in our most similar group.';
;;
comment on column police_forces.force is 'Force name as the Home Office tables write it, for example Kent or Avon & Somerset.';
;;
comment on column police_forces.region is 'English region or Wales, as the Home Office tables group the forces.';
;;
comment on column police_forces.population is 'Residents of the force area; empty where a per-resident figure would mislead (City of London).';
;;
comment on column police_forces.population_source is 'Where the population comes from; the sample''s are marked illustrative.';
;;
comment on column police_forces.is_home_force is 'True for the force this database belongs to.';
;;
comment on column police_forces.in_most_similar_group is 'True for the forces in our force''s most similar group (MSG), as HMICFRS defines it.';
;;
comment on column police_forces.import_id is 'The import that loaded the row.';
;;
create table if not exists force_workforce (
    force varchar not null references police_forces (force),
    as_at date not null,
    workforce varchar not null check (workforce in ('officers', 'staff')),
    fte decimal(12, 4) check (fte >= 0),
    source_table varchar not null,
    source_publication varchar not null,
    import_id integer not null references imports (import_id),
    primary key (force, as_at, workforce)
);
;;
comment on table force_workforce is 'Full-time equivalent police officers and police staff of each force, from the Home Office police workforce tables.';
;;
comment on column force_workforce.force is 'The force.';
;;
comment on column force_workforce.as_at is 'The day the figure is for, for example 30/09/2019.';
;;
comment on column force_workforce.workforce is 'officers (police officers) or staff (police staff, excluding PCSOs and designated officers).';
;;
comment on column force_workforce.fte is 'Full-time equivalent, unrounded as the table holds it; empty where the table shows ".." (not available).';
;;
comment on column force_workforce.source_table is 'The sheet and title of the table it was read from, for example Table_1: Police officers by police force area (FTE).';
;;
comment on column force_workforce.source_publication is 'The publication, for example Home Office, Police workforce, England and Wales, 30 September 2019.';
;;
comment on column force_workforce.import_id is 'The import that loaded the row.';
;;
create table if not exists force_spend (
    force varchar not null references police_forces (force),
    financial_year varchar not null check (
        regexp_full_match(financial_year, '[0-9]{4}/[0-9]{2}')
        and (left(financial_year, 4)::integer + 1) % 100 = right(financial_year, 2)::integer
    ),
    poa_function varchar not null check (poa_function in (
        'ICT', 'Estates', 'Fleet', 'Training', 'Other support', 'Administration support', 'Legal',
        'Human Resources', 'Finance', 'Procurement', 'Professional Standards', 'Press & Media',
        'Corporate Development', 'Force Command'
    )),
    amount decimal(14, 2) not null,
    source varchar not null,
    import_id integer not null references imports (import_id),
    primary key (force, financial_year, poa_function)
);
;;
comment on table force_spend is 'Other forces'' spend on business services by POA support function and financial year, for benchmarking (our own comes from spend).';
;;
comment on column force_spend.force is 'The force.';
;;
comment on column force_spend.financial_year is 'Financial year, 1 April to 31 March, written 2024/25.';
;;
comment on column force_spend.poa_function is 'CIPFA Police Objective Analysis support function.';
;;
comment on column force_spend.amount is 'Spend in the year on the same basis as our spend table (payments for business services), GBP.';
;;
comment on column force_spend.source is 'Where the figure comes from; the sample''s are marked illustrative.';
;;
comment on column force_spend.import_id is 'The import that loaded the row.';
