"""Excel in and out: templates, checked imports (dry run, then all or nothing), exports."""

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool = False
    help: str = ""
    width: int = 14
    # Turns the cell's text into the stored value; raises ValueError with a Chinese message.
    parse: Callable[[str], Any] | None = None
    # Turns a record into the cell's text for exports.
    value: Callable[[Any], Any] | None = None


@dataclass
class Row:
    number: int  # the spreadsheet's own row number (the header is row 1)
    texts: dict[str, str] = field(default_factory=dict)  # as typed, for showing errors
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # about the file as a whole

    @property
    def ok(self) -> bool:
        return not self.errors and all(not row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(len(row.errors) for row in self.rows)


def cell_text(value: Any) -> str:
    """Return a cell's value as text the way a person typed it (13800138000, not 1.38e10)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(data: bytes, columns: list[Column]) -> Report:
    """Read the first sheet, match headers to columns and parse each cell."""
    report = Report()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        report.errors.append(_("文件不是有效的 Excel（.xlsx）文件，请用模板填写后上传。"))
        return report
    sheet = workbook.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [cell_text(v).rstrip("*＊") for v in next(lines, ())]
    index = {}
    for column in columns:
        if column.header in header:
            index[column.field] = header.index(column.header)
        elif column.required:
            report.errors.append(_("缺少必填列“%(name)s”。") % {"name": column.header})
    if report.errors:
        return report
    for number, cells in enumerate(lines, start=2):
        texts = {f: cell_text(cells[i]) if i < len(cells) else "" for f, i in index.items()}
        if not any(texts.values()):
            continue  # blank line
        row = Row(number=number, texts=texts)
        for column in columns:
            text = texts.get(column.field, "")
            if not text:
                if column.required:
                    row.errors[column.field] = _("“%(name)s”不能为空。") % {"name": column.header}
                row.values[column.field] = None if column.parse else ""
                continue
            try:
                row.values[column.field] = column.parse(text) if column.parse else text
            except (ValueError, ValidationError) as exc:
                message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                row.errors[column.field] = message
        report.rows.append(row)
    if not report.rows:
        report.errors.append(_("表格中没有数据行。"))
    return report


def safe_cell(value: Any) -> Any:
    """Keep a text cell from being read as a formula by spreadsheet programs."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def workbook_bytes(title: str, columns: list[Column], records: Iterable[Any] = ()) -> bytes:
    """Write a sheet with the columns' headers (required ones marked *) and the records."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([f"{c.header}*" if c.required else c.header for c in columns])
    for cell, column in zip(sheet[1], columns, strict=True):
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2DCDB" if column.required else "EEEEEE")
        sheet.column_dimensions[cell.column_letter].width = column.width
    for record in records:
        sheet.append([safe_cell(c.value(record) if c.value else "") for c in columns])
    if sheet.max_row == 1:
        notes = workbook.create_sheet(_("填写说明"))
        notes.append([_("列"), _("说明")])
        for column in columns:
            notes.append([column.header, column.help or ("" if not column.required else _("必填"))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
