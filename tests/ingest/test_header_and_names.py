"""Stages 2 and 3 by name: the header below a preamble, the delimiter, the worksheet, columns by their names, and a
clear stop when a required one is missing."""

import io

import openpyxl
import pytest

from bsdash.ingest.kinds import SPEND, TICKETS
from bsdash.ingest.mapping import Mapping
from bsdash.ingest.names import match_score, words
from bsdash.ingest.pipeline import preview_file
from tests.ingest.helpers import found, how, preview_text


@pytest.mark.parametrize(
    ("header", "column", "how"),
    [
        ("paid_date", "paid_date", "name"),
        ("PAID DATE", "paid_date", "name"),
        ("PaidDate", "paid_date", "name"),
        ("Date Paid", "paid_date", "other name"),
        ("Invoice Date", "paid_date", "other name"),
        ("Clearing Date", "paid_date", "other name"),
        ("Trans_No", "transaction_number", "name"),
        ("Document No", "transaction_number", "other name"),
        ("Organisational Unit", "department", "other name"),
        ("Service Area", "department", "other name"),
        ("Organisatonal Unit", "department", "close spelling of 'Organisational Unit'"),
        ("Departmnet", "department", "close spelling of 'Department'"),
        ("Nett Amount", "amount", "other name"),
        ("Amount (£)", "amount", "name"),
        ("Amount £", "amount", "name"),
        ("Expenditure Unit", "expense_type", "other name"),
        ("G/L Account Name", "expense_type", "other name"),
        ("caporrev", "capital_revenue", "other name"),
        ("Vendor Name", "supplier", "other name"),
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


def test_the_header_is_found_below_a_preamble(tmp_path):
    preview = preview_text(
        tmp_path,
        "Kent Police: expenditure over £500\n"
        "Period: April 2024,,\n"
        "\n"
        "Paid Date,Transaction Number,Department,Expense Type,Capital or Revenue,Supplier Name,Amount\n"
        "03/04/2024,AP1,ICT,Software licences,Revenue,Acme,12.00\n",
        "spend",
    )
    assert preview.error is None
    assert preview.header_row == 4
    assert next(c for c in preview.columns if c.ours == "Transaction Number").examples == ["AP1"]


def test_the_delimiter_is_detected(tmp_path):
    preview = preview_text(
        tmp_path,
        "Paid Date;Trans No;Department;Expense Type;Type;Supplier;Amount\n03/04/2024;AP1;ICT;Fees;Revenue;Acme;1,50\n",
        "spend",
    )
    assert preview.delimiter == ";"
    assert found(preview)["Transaction Number"] == "Trans No"


def test_every_column_goes_to_one_place_and_the_rest_are_listed_as_not_used(tmp_path):
    preview = preview_text(
        tmp_path,
        "Body Name,Organisational Unit,Expenditure Category,Expenditure Code,Paid Date,Trans No,Amount,Type,"
        "Supplier ID,Supplier Name \n"
        "Oxford City Council,Direct Services,Fuel,K1,05/01/2015,4601_1,512.00,Revenue,2000_4601,ACME\n",
        "spend",
    )
    assert found(preview) == {
        "Paid Date": "Paid Date",
        "Transaction Number": "Trans No",
        "Department": "Organisational Unit",
        "Expense Type": "Expenditure Category",
        "Capital or Revenue": "Type",
        "Supplier Name": "Supplier Name",  # the trailing space is gone
        "Supplier ID": "Supplier ID",
        "Amount": "Amount",
    }
    assert preview.ignored == ["Body Name", "Expenditure Code"]


def test_the_preferred_name_wins_when_a_file_has_two_candidates(tmp_path):
    preview = preview_text(
        tmp_path, "Paid Date,Trans No,Department,Expense Type,Type,Supplier,Gross Amount,Net Amount,VAT\n", "spend"
    )
    assert found(preview)["Amount"] == "Net Amount"


def test_a_missing_required_column_stops_with_its_name_and_the_columns_seen(tmp_path):
    preview = preview_text(tmp_path, "When,Supplier,Value Paid\nsoon,Acme,a lot\n", "spend", name="odd.csv")
    assert preview.error.startswith("odd.csv: no column for 'Paid Date', 'Amount' in this spend export.")
    assert "Columns seen: 'When', 'Supplier', 'Value Paid'." in preview.error
    assert "mapping file" in preview.error
    assert preview.missing == ["Paid Date", "Amount"]


def test_a_mapping_settles_what_matching_cannot(tmp_path):
    mapping = Mapping(columns={"paid_date": ("when",), "amount": ("Value Paid",)})
    preview = preview_text(
        tmp_path, "When,Ref,Cost Centre,Payee,Value Paid\nsoon,AP1,ICT,Acme,a lot\n", "spend", mapping=mapping
    )
    assert preview.error is None
    assert found(preview)["Paid Date"] == "When"
    assert found(preview)["Department"] == "Cost Centre"  # the rest is still matched
    assert how(preview, "Amount") == "mapping file"


def test_servicenow_columns_map_onto_tickets(tmp_path):
    head = (
        "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,"
        "opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,"
        "subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,"
        "u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at\n"
    )
    assert found(preview_text(tmp_path, head, "tickets")) == {
        "Number": "number",
        "Opened": "opened_at",
        "Resolved": "resolved_at",
        "Closed": "closed_at",
        "State": "incident_state",
        "Priority": "priority",
        "Impact": "impact",
        "Urgency": "urgency",
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


def test_the_sheet_holding_the_export_is_chosen_in_a_workbook(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["This workbook lists payments over £500"])
    sheet = workbook.create_sheet("Payments")
    sheet.append(["Paid Date", "Trans No", "Department", "Expense Type", "Type", "Supplier", "Amount"])
    sheet.append(["01/04/2024", "AP1", "ICT", "X", "Revenue", "A", 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "payments.xlsx"
    path.write_bytes(buffer.getvalue())
    preview = preview_file(path, "spend")
    assert preview.file_type == "Excel workbook, sheet 'Payments'"
    assert found(preview)["Transaction Number"] == "Trans No"
