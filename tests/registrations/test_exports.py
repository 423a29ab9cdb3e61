"""Exporting the filtered registration list: every answer, readable, safe to open, in constant queries."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from registrations.models import (
    Criterion,
    InvestmentRange,
    OrganisationSize,
    OrganisationType,
    ParticipationKind,
    Status,
)
from registrations.services.assessment import Mark, submit_assessment
from tests.factories import OrganisationFactory, RegistrationCallFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CSV = "/admin/registrations/registration/export/csv/"
SEMICOLON_CSV = "/admin/registrations/registration/export/csv-semicolon/"
XLSX = "/admin/registrations/registration/export/xlsx/"
VILNIUS = ZoneInfo("Europe/Vilnius")
HEADERS = [
    "Reference",
    "Call",
    "Status",
    "Submitted",
    "Last changed",
    "Withdrawn",
    "Assigned to",
    "Open for corrections until",
    "Legal name",
    "Country of registration",
    "Registration code",
    "VAT code",
    "Type of organisation",
    "Size",
    "Website",
    "Registered address",
    "Short description",
    "Contact person",
    "Job title",
    "Email address",
    "Phone number",
    "How the organisation wants to take part",
    "Statement of interest",
    "Expected compute needs",
    "Intended investment",
    "Contact may be shared with consortium partners",
    "Language",
    "Privacy notice version",
    "Privacy notice accepted at",
    "Scores",
    "Average score",
]


@pytest.fixture
def exporter(client, coordinator):
    client.force_login(coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def csv_rows(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def xlsx_rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    header, *rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    # Empty cells at the end of a row are not written, so not read back either.
    return [header, *(row + [None] * (len(header) - len(row)) for row in rows)]


@pytest.fixture
def registration(coordinator):
    return RegistrationFactory(
        reference="BAIGF-2025-0007",
        call=RegistrationCallFactory(title_lt="Baltic AI Gigafactory 2025"),
        status=Status.UNDER_REVIEW,
        assignee=coordinator,
        organisation=OrganisationFactory(
            legal_name="UAB Duomenų Centras", country="LT", registration_code="188621919"
        ),
        vat_code="LT100001919017",
        organisation_type=OrganisationType.INFRASTRUCTURE_PROVIDER,
        size=OrganisationSize.MEDIUM,
        website="https://dc.example.lt",
        contact_name="Rūta Rutkauskienė",
        contact_email="ruta@dc.example.lt",
        contact_phone="+37061234567",
        participation=ParticipationKind.objects.filter(code__in=["build_infrastructure", "invest"]),
        statement="We run data centres.",
        investment_range=InvestmentRange.FROM_10M_TO_50M,
        share_contact_consent=True,
        language="lt",
        submitted_at=datetime(2025, 7, 30, 9, 15, tzinfo=VILNIUS),
    )


def test_csv_export_has_every_answer_readably(exporter, registration, coordinator):
    [row] = csv_rows(exporter.get(CSV))

    assert list(row) == HEADERS
    assert row["Reference"] == "BAIGF-2025-0007"
    assert row["Call"] == "Baltic AI Gigafactory 2025"
    assert row["Status"] == "Under review"
    assert row["Submitted"] == "2025-07-30 09:15"
    assert row["Withdrawn"] == ""
    assert row["Assigned to"] == coordinator.get_full_name()
    assert row["Legal name"] == "UAB Duomenų Centras"
    assert row["Country of registration"] == "Lithuania"
    assert row["VAT code"] == "LT100001919017"
    assert row["Type of organisation"] == "Cloud or computing-infrastructure provider"
    assert row["Size"].startswith("Medium (fewer than 250 staff")
    assert (
        row["How the organisation wants to take part"] == "Contribute to building the infrastructure; Invest"
    )
    assert row["Intended investment"] == "EUR 10–50 million"
    assert row["Contact may be shared with consortium partners"] == "yes"
    assert row["Language"] == "Lithuanian"
    assert row["Phone number"] == "'+37061234567"  # neutralised like every cell starting with +


def test_export_is_in_the_staff_members_language(exporter, registration):
    response = exporter.get(CSV, HTTP_ACCEPT_LANGUAGE="lt")

    [row] = csv_rows(response)
    assert row["Registracijos numeris"] == "BAIGF-2025-0007"
    assert "Vertinama" in row.values()


def test_export_follows_the_lists_filters_and_search(exporter):
    accepted = RegistrationFactory(status=Status.ACCEPTED, organisation=OrganisationFactory(country="LV"))
    RegistrationFactory(status=Status.SUBMITTED, organisation=OrganisationFactory(country="LV"))
    RegistrationFactory(status=Status.ACCEPTED, organisation=OrganisationFactory(country="EE"))

    rows = csv_rows(exporter.get(CSV, {"status__exact": "accepted", "country": "LV"}))
    searched = csv_rows(exporter.get(CSV, {"q": accepted.reference}))

    assert [row["Reference"] for row in rows] == [accepted.reference]
    assert [row["Reference"] for row in searched] == [accepted.reference]


DANGEROUS = {
    "legal_name": '=HYPERLINK("http://evil.example","click")',
    "statement": "+SUM(A1:A9)",
    "contact_name": "-2+3",
    "compute_needs": "@cmd",
    "contact_job_title": "\tChief",
    "address": "\rVilnius",
}


def _dangerous_registration():
    organisation = OrganisationFactory(legal_name=DANGEROUS["legal_name"])
    return RegistrationFactory(
        organisation=organisation,
        address=DANGEROUS["address"],
        statement=DANGEROUS["statement"],
        contact_name=DANGEROUS["contact_name"],
        compute_needs=DANGEROUS["compute_needs"],
        contact_job_title=DANGEROUS["contact_job_title"],
    )


def test_csv_export_neutralises_formulas(exporter):
    _dangerous_registration()

    [row] = csv_rows(exporter.get(CSV))

    assert row["Legal name"] == "'" + DANGEROUS["legal_name"]
    assert row["Statement of interest"] == "'+SUM(A1:A9)"
    assert row["Contact person"] == "'-2+3"
    assert row["Expected compute needs"] == "'@cmd"
    assert row["Job title"] == "'\tChief"
    assert row["Registered address"] == "'\rVilnius"


def test_xlsx_export_has_the_same_columns_and_keeps_formulas_as_text(exporter, registration):
    _dangerous_registration()

    response = exporter.get(XLSX)

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="registrations-')
    header, *rows = xlsx_rows(response)
    assert header == HEADERS
    by_reference = {row[0]: dict(zip(HEADERS, row, strict=True)) for row in rows}
    first = by_reference["BAIGF-2025-0007"]
    assert first["Submitted"] == datetime(2025, 7, 30, 9, 15)
    assert (
        first["How the organisation wants to take part"]
        == "Contribute to building the infrastructure; Invest"
    )
    assert first["Contact may be shared with consortium partners"] == "yes"
    dangerous = next(row for reference, row in by_reference.items() if reference != "BAIGF-2025-0007")
    # Text cells are text: shown as written, without an apostrophe, and never run.
    assert dangerous["Legal name"] == DANGEROUS["legal_name"]
    assert dangerous["Statement of interest"] == "+SUM(A1:A9)"
    assert dangerous["Expected compute needs"] == "@cmd"


def test_xlsx_cells_are_text_not_formulas(exporter):
    _dangerous_registration()

    workbook = load_workbook(io.BytesIO(b"".join(exporter.get(XLSX).streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]

    assert all(cell.data_type != "f" for cell in cells)
    assert any(cell.value == DANGEROUS["legal_name"] and cell.data_type == "s" for cell in cells)


def test_xlsx_cells_are_typed_and_the_sheet_ready_to_filter(exporter, registration, reviewer):
    submit_assessment(
        registration=registration,
        reviewer=reviewer,
        marks={
            criterion.pk: Mark(value)
            for criterion, value in zip(_criteria(registration), (4, 5), strict=True)
        },
    )

    workbook = load_workbook(io.BytesIO(b"".join(exporter.get(XLSX).streaming_content)))
    sheet = workbook.active
    cells = {header: sheet.cell(row=2, column=index) for index, header in enumerate(HEADERS, start=1)}

    assert (cells["Phone number"].value, cells["Phone number"].data_type) == ("+37061234567", "s")
    assert cells["Submitted"].is_date
    assert cells["Submitted"].value == datetime(2025, 7, 30, 9, 15)
    assert cells["Submitted"].number_format == "yyyy-mm-dd hh:mm"
    assert (cells["Scores"].value, cells["Scores"].data_type) == (1, "n")
    assert (cells["Average score"].value, cells["Average score"].number_format) == (4.5, "0.00")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(HEADERS))}2"
    assert sheet["A1"].font.b
    assert sheet.column_dimensions["A"].width == 17
    assert sheet.column_dimensions[get_column_letter(HEADERS.index("Statement of interest") + 1)].width == 60


def test_csv_export_for_excel_in_lithuanian_uses_semicolons_and_decimal_commas(
    exporter, registration, reviewer
):
    submit_assessment(
        registration=registration,
        reviewer=reviewer,
        marks={
            criterion.pk: Mark(value)
            for criterion, value in zip(_criteria(registration), (4, 3), strict=True)
        },
    )
    RegistrationFactory(legal_name="UAB Kabliataškis; ir kablelis, taip pat")

    response = exporter.get(SEMICOLON_CSV)

    assert response["Content-Disposition"].endswith('.csv"')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffReference;Call;Status;")
    rows = {row["Reference"]: row for row in csv.DictReader(io.StringIO(text[1:]), delimiter=";")}
    assert rows["BAIGF-2025-0007"]["Average score"] == "3,50"
    assert rows["BAIGF-2025-0007"]["Submitted"] == "2025-07-30 09:15"
    assert "UAB Kabliataškis; ir kablelis, taip pat" in {row["Legal name"] for row in rows.values()}


def _criteria(registration):
    for position, title in enumerate(["Relevance", "Readiness"]):
        Criterion.objects.create(call=registration.call, position=position, title_lt=title)
    return list(registration.call.criteria.all())


def test_export_streams_large_lists_in_chunks(exporter, settings):
    settings.REGISTRATION_EXPORT_CHUNK_SIZE = 10
    call = RegistrationCallFactory()
    created = {RegistrationFactory(call=call).reference for _ in range(25)}

    response = exporter.get(CSV)

    assert isinstance(response, StreamingHttpResponse)
    assert {row["Reference"] for row in csv_rows(response)} == created


def _export_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize("path", [CSV, SEMICOLON_CSV, XLSX])
def test_export_runs_in_a_constant_number_of_queries(exporter, path, django_assert_max_num_queries):
    kinds = ParticipationKind.objects.filter(code__in=["invest", "provide_data"])
    RegistrationFactory(participation=kinds)
    with django_assert_max_num_queries(15):
        one = _export_queries(exporter, path)

    for _ in range(49):
        RegistrationFactory(participation=kinds)
    with django_assert_max_num_queries(15):
        fifty = _export_queries(exporter, path)

    assert fifty == one


def test_export_links_carry_the_lists_filters(exporter):
    RegistrationFactory(status=Status.ACCEPTED)

    content = exporter.get(
        "/admin/registrations/registration/", {"status__exact": "accepted"}
    ).content.decode()

    assert f'href="{CSV}?status__exact=accepted"' in content
    assert f'href="{SEMICOLON_CSV}?status__exact=accepted"' in content
    assert f'href="{XLSX}?status__exact=accepted"' in content
