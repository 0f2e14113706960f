"""Who may see what: roles from the identity provider's claims or the access file, and what each role may do."""

from pathlib import Path

import pytest

from bsdash.governance.access import (
    NO_DEPARTMENT,
    NOBODY_SIGNS_IN,
    PAGE_KEYS,
    AccessFileError,
    AccessMap,
    load_access_map,
    parse_access_map,
    rights_table,
    viewer_from_claims,
)
from tests.conftest import ROOT

SAM = "6f1c2a9e-3b7d-4e0a-9c55-1d2e3f4a5b6c"  # an Entra ID object ID
ACCESS = parse_access_map(
    {
        "users": {
            "Alex.Planner@kent.police.uk": {"role": "planner", "departments": ["cyb", "NPT-MAI"]},
            "promoted@kent.police.uk": {"role": "leader"},
        },
        "groups": {
            "north-finance": {"role": "planner", "departments": ["NPT-DAR", "NPT-MED"]},
            "insight-team": {"role": "analyst"},
        },
    }
)


def test_an_entra_app_role_in_the_roles_claim_gives_the_role_whatever_its_prefix():
    person = viewer_from_claims(
        {"oid": SAM, "email": "sam@kent.police.uk", "name": "Sam", "roles": ["BSDash.Analyst"]}, AccessMap()
    )
    assert (person.who, person.name, person.role) == (f"sam@kent.police.uk ({SAM})", "Sam", "analyst")
    assert person.may_download and person.may_import and not person.may_read_audit
    assert person.allowed_departments() is None  # every row


def test_a_group_in_the_access_file_gives_its_role_and_departments():
    person = viewer_from_claims({"sub": "pat", "email": "pat@kent.police.uk", "groups": ["North-Finance"]}, ACCESS)
    assert person.role == "planner"
    assert person.departments == ("NPT-DAR", "NPT-MED")
    assert person.allowed_departments() == ["NPT-DAR", "NPT-MED"]


def test_a_users_own_entry_decides_their_role_and_adds_to_their_groups_departments():
    person = viewer_from_claims(
        {
            "oid": "0b6d",
            "preferred_username": "alex.planner@KENT.police.uk",
            "roles": ["administrator"],
            "groups": ["north-finance"],
        },
        ACCESS,
    )
    assert person.role == "planner"  # their own entry, not the wider role the claims offer
    assert person.departments == ("CYB", "NPT-MAI", "NPT-DAR", "NPT-MED")


def test_of_several_roles_the_widest_wins():
    person = viewer_from_claims(
        {"sub": "x", "email": "x@kent.police.uk", "roles": ["planner"], "groups": ["insight-team"]}, ACCESS
    )
    assert person.role == "analyst"


def test_a_planner_with_no_departments_sees_no_rows_rather_than_all():
    person = viewer_from_claims({"sub": "y", "email": "y@kent.police.uk", "roles": ["planner"]}, AccessMap())
    assert person.allowed_departments() == [NO_DEPARTMENT]


def test_someone_with_no_role_may_do_nothing():
    person = viewer_from_claims({"sub": "v", "email": "visitor@kent.police.uk", "roles": ["Reader"]}, ACCESS)
    assert person.role is None
    assert person.pages() == []
    assert not (person.may_download or person.may_import or person.may_read_audit)


@pytest.mark.parametrize(
    ("role", "opens", "refused", "downloads", "imports", "audit"),
    [
        (
            "leader",
            {"", "benchmarks", "spend"},
            {"explorer", "import", "reference_mapping", "audit"},
            False,
            False,
            False,
        ),
        ("planner", {"", "spend", "explorer"}, {"import", "reference_mapping", "audit"}, True, False, False),
        ("analyst", {"explorer", "import", "reference_mapping"}, {"audit"}, True, True, False),
        ("administrator", set(PAGE_KEYS), set(), True, True, True),
    ],
)
def test_what_each_role_opens_downloads_and_imports(role, opens, refused, downloads, imports, audit):
    person = viewer_from_claims({"sub": "s", "email": "someone@kent.police.uk", "roles": [role]}, AccessMap())
    assert all(person.may_open(key) for key in opens)
    assert not any(person.may_open(key) for key in refused)
    assert (person.may_download, person.may_import, person.may_read_audit) == (downloads, imports, audit)
    assert person.scoped == (role == "planner")


def test_with_sign_in_off_everyone_is_an_administrator_and_not_signed_in():
    assert NOBODY_SIGNS_IN.role == "administrator" and not NOBODY_SIGNS_IN.signed_in


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[users."a@b"]\nrole = "boss"\n', "role 'boss' is not one of leader, planner, analyst, administrator"),
        ('[users."a@b"]\nrole = "planner"\ndepartments = "CYB"\n', "departments must be a list of department codes"),
        ('[users."a@b"]\nrole = "planner"\nteam = "x"\n', "unknown key team"),
        ('[people."a@b"]\nrole = "planner"\n', "unknown section people"),
        ("[users\nrole =", "not a valid TOML file"),
    ],
)
def test_a_faulty_access_file_is_refused_naming_the_fault(tmp_path: Path, text, message):
    path = tmp_path / "access.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AccessFileError, match=message):
        load_access_map(path)


def test_the_example_access_file_reads(tmp_path: Path):
    example = load_access_map(ROOT / ".streamlit" / "access.example.toml")
    planner = viewer_from_claims({"sub": "alex", "email": "alex.planner@kent.police.uk"}, example)
    assert (planner.role, planner.departments) == ("planner", ("CYB",))
    assert load_access_map(tmp_path / "missing.toml") == AccessMap()


def test_the_readme_states_each_roles_rights_as_the_code_grants_them():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rights_table() in readme, "paste bsdash.access.rights_table() into the README's Roles section"


def test_the_person_is_identified_by_the_immutable_claim_and_the_email_only_finds_their_entry():
    entra = {"oid": SAM, "sub": "pairwise-subject", "email": "sam@kent.police.uk", "name": "Sam"}
    # Their e-mail changes (a user can change some of their own); they are the same person, recorded by their ID.
    renamed = {**entra, "email": "samantha@kent.police.uk"}
    assert viewer_from_claims(entra, AccessMap()).who == f"sam@kent.police.uk ({SAM})"
    assert viewer_from_claims(renamed, AccessMap()).who == f"samantha@kent.police.uk ({SAM})"
    # Outside Entra ID, the OpenID subject is the ID; where the subject is the e-mail it is recorded once.
    assert (
        viewer_from_claims({"sub": "u-42", "email": "jo@kent.police.uk"}, AccessMap()).who == "jo@kent.police.uk (u-42)"
    )
    assert viewer_from_claims({"sub": "jo@kent.police.uk", "email": "jo@kent.police.uk"}, AccessMap()).who == (
        "jo@kent.police.uk"
    )


def test_an_access_file_entry_may_name_the_object_id_and_claims_without_an_id_get_no_role():
    access = parse_access_map({"users": {SAM: {"role": "administrator"}}})
    assert viewer_from_claims({"oid": SAM, "email": "anything@kent.police.uk"}, access).role == "administrator"
    nobody = viewer_from_claims({"email": "sam@kent.police.uk", "roles": ["administrator"]}, AccessMap())
    assert (nobody.who, nobody.role) == ("", None)
