"""The export files: a CSV file per activity and one Excel workbook, from the report's tables.

CSV: UTF-8 with a byte-order mark (so Excel reads the accents), CRLF line ends (RFC 4180), numbers
without thousands separators and with a decimal point. The delimiter follows the workshop's language:
";" for Dutch, the list separator of Excel with Dutch regional settings (so a double-click opens it in
columns), "," for English. Texts that a spreadsheet would run as a formula (=, +, -, @ first) get a
leading apostrophe. docs/exports.md describes it all.
"""

import csv
import io
import re
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .data import Report
from .tables import ORGANISATION_TABLES, Table, organisation_table, tables

DELIMITERS = {"nl": ";", "en": ","}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters the XLSX format cannot hold (control characters other than tab and line ends).
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHEET_NAME_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 60


def delimiter(language: str) -> str:
    """The CSV delimiter of a workshop in this language."""
    return DELIMITERS.get(language, ",")


def csv_cell(value) -> str:
    """A cell as CSV text: numbers plain with a decimal point, yes/no in the workshop's language."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return repr(value)
    text = ILLEGAL.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(table: Table, language: str) -> bytes:
    """One table as a CSV file."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter(language), lineterminator="\r\n")
    writer.writerow([csv_cell(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(c) for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def activity_csv(report: Report, activity_id: int) -> bytes | None:
    """The CSV file of one activity (its first table), or None when the report does not cover it."""
    item = report.activity(activity_id)
    if item is None:
        return None
    return csv_bytes(tables(report, item)[0], report.workshop.language)


class Sheet:
    """Writes rows one after another into a worksheet, remembering how wide each column gets."""

    def __init__(self, worksheet):
        self.ws = worksheet
        self.row = 1
        self.widths: dict[int, int] = {}

    def write(self, values, bold=False, wrap=False) -> None:
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            if isinstance(value, str):
                value = ILLEGAL.sub("", value)
            cell = self.ws.cell(row=self.row, column=column, value=value)
            if isinstance(value, str):
                # A participant's "=..." is text, never a formula.
                cell.data_type = "s"
                longest = max((len(line) for line in value.splitlines()), default=0)
                self.widths[column] = max(self.widths.get(column, 8), min(longest + 2, MAX_WIDTH))
                if wrap or longest > MAX_WIDTH or "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            if bold:
                cell.font = Font(bold=True)
        self.row += 1

    def title(self, text: str, size: int = 14) -> None:
        self.ws.cell(row=self.row, column=1, value=ILLEGAL.sub("", text)).font = Font(bold=True, size=size)
        self.ws.cell(row=self.row, column=1).data_type = "s"
        self.row += 1

    def table(self, table: Table) -> None:
        if table.title:
            self.write([table.title], bold=True)
        self.write(table.columns, bold=True, wrap=True)
        for row in table.rows:
            self.write(row)
        self.row += 1

    def skip(self) -> None:
        self.row += 1

    def finish(self) -> None:
        for column, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(column)].width = width


def sheet_name(text: str, used: set[str]) -> str:
    """A unique sheet name of at most 31 characters without the characters Excel refuses."""
    base = SHEET_NAME_ILLEGAL.sub(" ", ILLEGAL.sub("", text)).strip().strip("'") or "-"
    name, n = base[:31], 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def days_text(first: date, last: date) -> str:
    """The day (or days) the workshop ran, in the workshop's language."""
    if first == last:
        return format_date(first, "long")
    return f"{format_date(first, 'long')} – {format_date(last, 'long')}"


def workbook_bytes(report: Report) -> bytes:
    """The workbook: an overview, a sheet per activity and a sheet per organisation."""
    book = Workbook()
    used: set[str] = set()
    overview = Sheet(book.active)
    overview.ws.title = sheet_name(_("Overview"), used)
    overview.title(report.workshop.title, 16)
    overview.write([days_text(*report.days())])
    overview.write([_("Code"), report.workshop.code])
    overview.write([_("Smallest group shown"), report.threshold])
    overview.write([_("Organisations with fewer people answering an activity are not shown separately there.")])
    overview.skip()
    overview.write([_("Organisation"), _("People"), _("In the room"), _("Remote"), _("Names given")], bold=True)
    for row in report.taking_part():
        overview.write([row["organisation"].name, row["participants"], row["in_room"], row["remote"], ", ".join(row["names"])])
    overview.skip()
    overview.write([_("Number"), _("Activity"), _("Round"), _("People"), _("Answers"), _("Sheet")], bold=True)
    names = {}
    for number, item in enumerate(report.activities, start=1):
        names[item.activity.id] = sheet_name(f"{number} {item.activity.title}", used)
        results = item.results
        overview.write(
            [
                number,
                item.activity.title,
                item.activity.round,
                results["respondents"],
                results["answers"],
                names[item.activity.id],
            ]
        )
    overview.finish()

    for number, item in enumerate(report.activities, start=1):
        sheet = Sheet(book.create_sheet(names[item.activity.id]))
        act = item.activity
        sheet.title(f"{number}. {act.title}")
        if act.config.get("prompt"):
            sheet.write([act.config["prompt"]])
        sheet.write([_("Round"), act.round])
        sheet.write([_("People"), item.results["respondents"]])
        sheet.write([_("Answers"), item.results["answers"]])
        sheet.skip()
        for table in tables(report, item):
            sheet.table(table)
        sheet.finish()

    for org in report.organisations:
        sheet = Sheet(book.create_sheet(sheet_name(org.name, used)))
        sheet.title(org.name)
        part = next(row for row in report.taking_part() if row["organisation"].id == org.id)
        sheet.write([_("People"), part["participants"]])
        sheet.write([_("In the room"), part["in_room"]])
        sheet.write([_("Remote"), part["remote"]])
        sheet.skip()
        for number, item in enumerate(report.activities, start=1):
            if item.activity.kind not in ORGANISATION_TABLES:
                continue
            sheet.write([f"{number}. {item.activity.title}"], bold=True)
            table = organisation_table(report, item, org)
            if table is None:
                sheet.write(
                    [_("Fewer than %(k)s people of this organisation answered: not shown separately.", k=report.threshold)]
                )
                sheet.skip()
            else:
                sheet.table(table)
        sheet.finish()

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
