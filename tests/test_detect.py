"""Layout detection: the header below a preamble, columns by meaning, and a clear stop when one is missing."""

import pytest

from bsdash.detect import best_sheet, detect_layout, match_score, words
from bsdash.files import ExportError
from bsdash.layouts import SPEND, TICKETS


def found(layout) -> dict[str, str]:
    return {m.column.header: m.source for m in layout.matches}


@pytest.mark.parametrize(
    ("header", "column", "how"),
    [
        ("paid_date", "paid_date", "name"),
        ("PAID DATE", "paid_date", "name"),
        ("PaidDate", "paid_date", "name"),
        ("Date Paid", "paid_date", "other name"),
        ("Invoice Date", "paid_date", "other name"),
        ("Trans_No", "transaction_number", "name"),
        ("Organisational Unit", "department", "other name"),
        ("Service Area", "department", "other name"),
        ("Organisatonal Unit", "department", "close spelling of 'Organisational Unit'"),
        ("Departmnet", "department", "close spelling of 'Department'"),
        ("Nett Amount", "amount", "other name"),
        ("Amount (£)", "amount", "name"),
        ("Expenditure Unit", "expense_type", "other name"),
        ("caporrev", "capital_revenue", "other name"),
    ],
)
def test_a_header_is_recognised_by_its_meaning(header, column, how):
    score, why = match_score(header, SPEND.column(column))
    assert score > 0
    assert why == how


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Resolver", "resolved_at"),  # a person, not a time: a different last letter is a different word
        ("Resolved By", "resolved_at"),
        ("Subcategory", "category"),
        ("Opened By", "opened_at"),
        ("sys_created_at", "opened_at"),
    ],
)
def test_a_header_that_only_looks_alike_is_not_taken(header, column):
    assert match_score(header, TICKETS.column(column))[0] == 0


def test_words_set_aside_case_spacing_punctuation_and_abbreviations():
    assert words("  Trans_No ") == ("transaction", "number")
    assert words("Amount (£) GBP") == ("amount",)
    assert words("Dept.") == ("department",)


def test_the_header_is_found_below_a_preamble():
    head = (
        "Kent Police: expenditure over £500\n"
        "Period: April 2024,,\n"
        "\n"
        "Paid Date,Transaction Number,Department,Expense Type,Capital or Revenue,Supplier Name,Amount\n"
        "03/04/2024,AP1,ICT,Software licences,Revenue,Acme,12.00\n"
    )
    layout = detect_layout(head, SPEND, "spend.csv")
    assert layout.header_row == 4
    assert layout.skip_lines == 4
    assert layout.preamble == ["Kent Police: expenditure over £500", "Period: April 2024"]
    assert layout.sample_rows[0][1] == "AP1"


def test_the_delimiter_is_detected():
    head = (
        "Paid Date;Trans No;Department;Expense Type;Type;Supplier;Amount\n03/04/2024;AP1;ICT;Fees;Revenue;Acme;1,50\n"
    )
    layout = detect_layout(head, SPEND, "spend.csv")
    assert layout.delimiter == ";"
    assert found(layout)["Transaction Number"] == "Trans No"


def test_every_column_goes_to_one_place_and_the_rest_are_listed_as_not_used():
    head = (
        "Body Name,Organisational Unit,Expenditure Category,Expenditure Code,Paid Date,Trans No,Amount,Type,"
        "Supplier ID,Supplier Name \n"
    )
    layout = detect_layout(head, SPEND, "oxford.csv")
    assert found(layout) == {
        "Paid Date": "Paid Date",
        "Transaction Number": "Trans No",
        "Department": "Organisational Unit",
        "Expense Type": "Expenditure Category",
        "Capital or Revenue": "Type",
        "Supplier Name": "Supplier Name",  # the trailing space is gone
        "Supplier ID": "Supplier ID",
        "Amount": "Amount",
    }
    assert layout.ignored == ["Body Name", "Expenditure Code"]


def test_the_preferred_name_wins_when_a_file_has_two_candidates():
    head = "Paid Date,Trans No,Department,Expense Type,Type,Supplier,Gross Amount,Net Amount,VAT\n"
    assert found(detect_layout(head, SPEND, "spend.csv"))["Amount"] == "Net Amount"


def test_a_missing_required_column_stops_with_its_name_and_the_columns_seen():
    head = "Date,Supplier,Value Paid\n01/04/2024,Acme,12\n"
    with pytest.raises(ExportError) as raised:
        detect_layout(head, SPEND, "odd.csv")
    message = str(raised.value)
    assert message.startswith("odd.csv: no column for 'Transaction Number', 'Department', 'Expense Type'")
    assert "Columns seen: 'Date', 'Supplier', 'Value Paid'." in message
    assert "mapping file" in message


def test_a_mapping_settles_what_detection_cannot():
    head = "When,Ref,Cost Centre,What,Kind,Payee,Value Paid\n01/04/2024,AP1,ICT,Fees,Revenue,Acme,12\n"
    pinned = {SPEND.column("paid_date"): "when", SPEND.column("amount"): "Value Paid"}
    pinned |= {SPEND.column("transaction_number"): "Ref", SPEND.column("expense_type"): "What"}
    pinned |= {SPEND.column("capital_revenue"): "Kind"}
    layout = detect_layout(head, SPEND, "odd.csv", pinned=pinned)
    assert found(layout)["Paid Date"] == "When"
    assert found(layout)["Department"] == "Cost Centre"  # the rest is still detected
    assert next(m for m in layout.matches if m.column.name == "amount").how == "mapping file"


def test_a_mapping_naming_a_column_the_file_lacks_says_so():
    with pytest.raises(ExportError, match="reads 'Amount' from a column 'Value Paid', which this file does not have"):
        detect_layout("Paid Date,Amount\n", SPEND, "odd.csv", pinned={SPEND.column("amount"): "Value Paid"})


def test_servicenow_columns_map_onto_tickets():
    head = (
        "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,"
        "opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,"
        "subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,"
        "u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at\n"
    )
    assert found(detect_layout(head, TICKETS, "incidents.csv")) == {
        "Number": "number",
        "Opened": "opened_at",
        "Resolved": "resolved_at",
        "Closed": "closed_at",
        "State": "incident_state",
        "Priority": "priority",
        "Category": "category",
        "Assignment Group": "assignment_group",
        "Channel": "contact_type",
        "Reassignment Count": "reassignment_count",
        "Reopen Count": "reopen_count",
        "SLA Met": "made_sla",
        "Update Number": "sys_mod_count",
        "Updated": "sys_updated_at",
        "Assigned To": "assigned_to",
    }


def test_the_sheet_holding_the_export_is_chosen_in_a_workbook():
    choose = best_sheet(SPEND)
    heads = {
        "Notes": "This workbook lists payments\n",
        "Payments": "Paid Date,Trans No,Department,Expense Type,Type,Supplier,Amount\n01/04/2024,AP1,ICT,X,Rev,A,1\n",
    }
    assert choose(heads) == "Payments"
