"""Measuring an uploaded spreadsheet before any parser opens it (the defence against zip bombs).

A spreadsheet parser trusts its file: calamine holds a whole sheet in memory as a dense grid from its
first to its last cell, and the shared strings with it; an .xlsx or .ods is a zip whose parts may unpack
to a thousand times their size. A 1 MB .xlsx that unpacks to 400,000 rows × 50 cells took the web
process to 1.5 GB. So every file is measured here first, without being parsed:

- ``check_declared`` (cheap, in the upload request): the content is of the kind its name says, the zip's
  directory is sane, the sizes its parts *declare* are within bounds, and the sheet's declared
  ``<dimension>`` is within the cell cap. Declared numbers may lie; this only refuses early.
- ``measure`` (in the worker, or in the request for a small file, with small limits): every part of a
  zip is inflated from its raw compressed bytes, counting what comes out — never trusting the sizes in
  its headers — and stopping as soon as a limit is passed; the first sheet's extent (last row × last
  column actually used) is read from the stream; an .xls's cell records are read from its container;
  a .csv is decoded and its rows counted. Only a file within the limits is handed to the parser.

The limits: ``settings.IMPORT_MAX_CELLS`` cells (configurable), and what the parts may unpack to,
derived from it (a generous ``UNPACKED_BYTES_PER_CELL`` a cell).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# What one cell may take in the unpacked parts of a zip (the sheet's XML with its markup, a share of
# the strings and styles): a real export of 100,000 rows × 6 columns unpacks to about 60 bytes a cell.
UNPACKED_BYTES_PER_CELL = 160
# At least this much may always unpack (styles, themes and the like of a small file).
UNPACKED_FLOOR = 32 * 1024 * 1024
MAX_MEMBERS = 2000
CHUNK = 1 << 20
ZIP_SUFFIXES = {".xlsx", ".xlsm", ".ods"}
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Limits:
    cells: int
    unpacked: int

    @classmethod
    def for_cells(cls, cells: int) -> Limits:
        return cls(cells=cells, unpacked=max(UNPACKED_FLOOR, cells * UNPACKED_BYTES_PER_CELL))


def file_limits() -> Limits:
    """The limits of every imported file (settings.IMPORT_MAX_CELLS)."""
    return Limits.for_cells(settings.IMPORT_MAX_CELLS)


@dataclass
class Extent:
    """What a sheet spans: from its first cell to its last, as the parser will hold it."""

    rows: int = 0
    columns: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.columns


class OverLimit(ValidationError):
    """The file passes a limit. ``kind`` is "cells" or "unpacked"; the message says the limit and what
    to do."""

    def __init__(self, kind: str, limits: Limits, extent: Extent | None = None) -> None:
        self.kind = kind
        self.limits = limits
        self.extent = extent
        super().__init__(over_limit_message(kind, limits, extent))


def over_limit_message(kind: str, limits: Limits, extent: Extent | None) -> str:
    if kind == "cells" and extent is not None and extent.columns:
        rows_per_file = max(1, limits.cells // extent.columns - 1)
        return _(
            "The file has more than %(limit)s cells (at least %(rows)s rows × %(columns)s columns, from the "
            "first cell to the last); an import takes at most %(limit)s cells. Split it into files of at "
            "most %(per_file)s rows each (keep the header row in every file), or delete the empty rows and "
            "columns at its end."
        ) % {
            "rows": number_format(extent.rows, force_grouping=True),
            "columns": number_format(extent.columns, force_grouping=True),
            "limit": number_format(limits.cells, force_grouping=True),
            "per_file": number_format(rows_per_file, force_grouping=True),
        }
    if kind == "cells":
        return _(
            "The file has more than %(limit)s cells; an import takes at most %(limit)s cells. Split it "
            "into several files (keep the header row in every file)."
        ) % {"limit": number_format(limits.cells, force_grouping=True)}
    return _(
        "The file unpacks to more than %(limit)s MB, more than a spreadsheet of %(cells)s cells can hold. "
        "Split it into several files (keep the header row in every file), or save it again from Excel "
        "or WPS without pictures and hidden sheets."
    ) % {
        "limit": number_format(limits.unpacked // (1024 * 1024), force_grouping=True),
        "cells": number_format(limits.cells, force_grouping=True),
    }


def _unreadable(detail: str) -> ValidationError:
    return ValidationError(
        _("The file cannot be read as a spreadsheet (%(error)s).") % {"error": detail}, code="unreadable"
    )


# --- at upload: kind and declared sizes --------------------------------------------------------------


def check_declared(path: Path, limits: Limits) -> None:
    """Refuse early, without unpacking anything: a file whose content is not of its kind, or whose zip
    directory declares more than the limits allow."""
    suffix = path.suffix.lower()
    with open(path, "rb") as handle:
        head = handle.read(8)
    if suffix in ZIP_SUFFIXES:
        if not zipfile.is_zipfile(path):
            raise _unreadable(_("not an %(kind)s file") % {"kind": suffix})
        with _open_zip(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _unreadable(_("too many parts"))
            if sum(info.file_size for info in infos) > limits.unpacked:
                raise OverLimit("unpacked", limits)
            if suffix != ".ods":
                sheet = _first_sheet(archive, limits)
                declared = _declared_dimension(path, archive.getinfo(sheet), limits)
                if declared is not None and declared.cells > limits.cells:
                    raise OverLimit("cells", limits, declared)
    elif suffix == ".xls" and head != CFB_MAGIC:
        raise _unreadable(_("not an .xls file; save it again as .xlsx"))


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(str(exc)) from exc


# --- measuring ---------------------------------------------------------------------------------------


def measure(path: Path, limits: Limits, *, on_progress: Callable[[int, int], None] | None = None) -> Extent:
    """The extent of the file's first sheet, once it is known to be within ``limits`` (else OverLimit,
    as soon as a limit is passed). ``on_progress(done, total)`` is told of the bytes read."""
    suffix = path.suffix.lower()
    if suffix in ZIP_SUFFIXES:
        return _measure_zip(path, limits, on_progress)
    if suffix == ".xls":
        from hrbureau.core.imports.xls import measure_xls

        return measure_xls(path, limits)
    return _measure_csv(path, limits)


class _Budget:
    """The bytes all parts of one zip may unpack to, counted as they come out."""

    def __init__(self, limits: Limits, total: int, on_progress: Any) -> None:
        self.limits, self.left, self.total, self.read = limits, limits.unpacked, total, 0
        self.on_progress = on_progress

    def take(self, data: bytes, raw: int) -> None:
        self.left -= len(data)
        if self.left < 0:
            raise OverLimit("unpacked", self.limits)
        self.read += raw
        if self.on_progress is not None and raw:
            self.on_progress(self.read, self.total)


def _inflate(path: Path, info: zipfile.ZipInfo, budget: _Budget) -> Iterator[bytes]:
    """A zip part's bytes as they unpack from its raw compressed data — its declared sizes unused."""
    if info.flag_bits & 0x1:
        raise _unreadable(_("the file is encrypted"))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _unreadable(_("unsupported compression"))
    with open(path, "rb") as handle:
        handle.seek(info.header_offset)
        local = handle.read(30)
        if len(local) < 30 or local[:4] != b"PK\x03\x04":
            raise _unreadable(_("damaged zip"))
        name_length, extra_length = struct.unpack("<HH", local[26:30])
        handle.seek(info.header_offset + 30 + name_length + extra_length)
        left = info.compress_size
        inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
        pending = b""
        while True:
            if inflater is not None and inflater.unconsumed_tail:
                pending, raw_size = inflater.unconsumed_tail, 0
            else:
                if left <= 0:
                    break
                pending = handle.read(min(left, CHUNK))
                if not pending:
                    raise _unreadable(_("damaged zip"))
                left -= len(pending)
                raw_size = len(pending)
            try:
                data = inflater.decompress(pending, CHUNK) if inflater is not None else pending
            except zlib.error as exc:
                raise _unreadable(_("damaged zip")) from exc
            budget.take(data, raw_size)
            if data:
                yield data
            if inflater is not None and inflater.eof:
                break
        if inflater is not None:
            tail = inflater.flush()
            budget.take(tail, 0)
            if tail:
                yield tail


def _measure_zip(path: Path, limits: Limits, on_progress: Any) -> Extent:
    with _open_zip(path) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _unreadable(_("too many parts"))
        budget = _Budget(limits, sum(info.compress_size for info in infos), on_progress)
        if path.suffix.lower() == ".ods":
            sheet_name, measure_sheet = "content.xml", _OdsExtent
        else:
            sheet_name, measure_sheet = _first_sheet(archive, limits), _XlsxExtent  # type: ignore[assignment]
        extent: Extent | None = None
        # Every part is unpacked and counted (the parser reads the strings, styles and the workbook
        # too, and a bomb may hide in any of them, or in two entries of one name).
        for info in infos:
            if info.filename == sheet_name and extent is None:
                scanner = measure_sheet(limits)
                for data in _inflate(path, info, budget):
                    scanner.feed(data)
                extent = scanner.finish()
            else:
                for _data in _inflate(path, info, budget):
                    pass
        if extent is None:
            raise _unreadable(_("the workbook has no sheet"))
        return extent


def _small_part(archive: zipfile.ZipFile, name: str, limits: Limits) -> bytes | None:
    """A small XML part (the workbook, its relations), read only if it is small."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    budget = _Budget(Limits(cells=limits.cells, unpacked=4 * 1024 * 1024), 0, None)
    return b"".join(_inflate(Path(str(archive.filename)), info, budget))


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_SHEET_ID = re.compile(rb'\b\w+:id="([^"]*)"')
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'\b(Id|Target)="([^"]*)"')


def _first_sheet(archive: zipfile.ZipFile, limits: Limits) -> str:
    """The part of the workbook's first sheet (what the parser reads as sheet 0): the first <sheet> of
    the workbook, through its relation. Read with patterns, not an XML parser: only two attributes
    are needed from parts that may be hostile."""
    names = set(archive.namelist())
    workbook = _small_part(archive, "xl/workbook.xml", limits) or b""
    relations = _small_part(archive, "xl/_rels/workbook.xml.rels", limits) or b""
    first = _SHEET.search(workbook)
    relation = _SHEET_ID.search(first[1]) if first else None
    if relation is not None:
        for match in _RELATION.finditer(relations):
            attributes = dict(_ATTRIBUTE.findall(match[1]))
            if attributes.get(b"Id") == relation[1]:
                target = attributes.get(b"Target", b"").decode("utf-8", "replace")
                name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                name = str(PurePosixPath(name))
                if name in names:
                    return name
    sheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    if not sheets:
        raise _unreadable(_("the workbook has no sheet"))
    return sheets[0]


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - 64)
    return number


def _declared_dimension(path: Path, info: zipfile.ZipInfo, limits: Limits) -> Extent | None:
    """The ``<dimension ref="A1:F100001"/>`` the sheet declares near its start (read from its first KBs)."""
    budget = _Budget(Limits(cells=limits.cells, unpacked=1 << 62), 0, None)
    head = b""
    for data in _inflate(path, info, budget):
        head += data
        if len(head) >= 64 * 1024 or b"<sheetData" in head:
            break
    match = _DIMENSION.search(head)
    if match is None or not match[3]:
        return None
    return Extent(rows=int(match[4]), columns=_column_number(match[3]))


class _XlsxExtent:
    """The extent of an xlsx sheet from its XML as it streams: the last row and column any cell names
    (as the parser will place them); cells and rows written without a reference follow the one before
    them, so they add their count. Passing the cell cap stops the stream.

    It runs over every byte of a sheet that may be 100 MB, so it makes a few passes of the C string
    search per chunk rather than parsing: the columns are looked at one by one only in a chunk where
    some cell lies beyond the widest column seen so far."""

    ROOT = re.compile(rb"<(?:(\w+):)?worksheet\b")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.prefix: bytes | None = None  # the XML prefix of the sheet's elements ("x:"), once known
        self.head = b""
        self.tail = b""
        self.last_row = self.last_column = 0
        self.unreferenced_rows = 0
        self.unreferenced_row_cells = 0  # the most cells without a reference in one row
        self.row_cells = 0  # cells without a reference in the current row, so far

    def _start(self, head: bytes) -> None:
        root = self.ROOT.search(head)
        self.prefix = (root[1] + b":") if root is not None and root[1] else b""
        p = re.escape(self.prefix)
        self.row_tag, self.cell_tag = b"<" + self.prefix + b"row", b"<" + self.prefix + b"c"
        self.row_reference, self.cell_reference = self.row_tag + b' r="', self.cell_tag + b' r="'
        self.row_pattern = re.compile(rb"<" + p + rb'row r="(\d+)"')
        self.cell_pattern = re.compile(rb"<" + p + rb'c r="([A-Z]{1,3})\d')
        self.beyond: re.Pattern[bytes] | None = None
        dimension = re.compile(
            rb"<" + p + rb'dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"'
        ).search(head)
        if dimension is not None and dimension[3]:
            declared = Extent(rows=int(dimension[4]), columns=_column_number(dimension[3]))
            if declared.cells > self.limits.cells:
                raise OverLimit("cells", self.limits, declared)

    def _beyond(self) -> re.Pattern[bytes]:
        """A pattern for a cell reference past the widest column seen so far (any, past column Z)."""
        if self.beyond is None:
            p = re.escape(self.prefix or b"")
            if self.last_column < 26:
                letter = bytes([65 + self.last_column])
                self.beyond = re.compile(rb"<" + p + rb'c r="(?:[' + letter + rb"-Z]\d|[A-Z]{2})")
            else:
                self.beyond = re.compile(rb"<" + p + rb'c r="[A-Z]')
        return self.beyond

    def feed(self, data: bytes) -> None:
        if self.prefix is None:
            # The root element and the declared dimension come first: wait for them.
            self.head += data
            if len(self.head) < 64 * 1024 and b"sheetData" not in self.head:
                return
            data, self.head = self.head, b""
            self._start(data)
        # A tag cut by the chunk's end waits for the next chunk.
        data = self.tail + data
        cut = data.rfind(b"<")
        data, self.tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
        if len(self.tail) > 4096:  # not a tag of ours: no need to keep it
            self.tail = b""
        rows = self.row_pattern.findall(data)
        if rows:
            self.last_row = max(self.last_row, max(map(int, rows)))
        if self._beyond().search(data):
            columns = set(self.cell_pattern.findall(data))
            self.last_column = max(self.last_column, max(map(_column_number, columns)))
            self.beyond = None
        cell_tag, row_tag = self.cell_tag, self.row_tag
        # Elements that start like a cell or a row but are none (<cols>, <cfRule>, <rowBreaks>...) are
        # few; only a chunk with more of them than references is counted row by row.
        if data.count(cell_tag) > data.count(self.cell_reference):
            for index, segment in enumerate(data.split(row_tag)):
                if index:
                    self.unreferenced_row_cells = max(self.unreferenced_row_cells, self.row_cells)
                    self.row_cells = 0
                count = segment.count(cell_tag + b" ") + segment.count(cell_tag + b">")
                count += segment.count(cell_tag + b"/>") - segment.count(self.cell_reference)
                self.row_cells += count
        elif rows:
            self.unreferenced_row_cells = max(self.unreferenced_row_cells, self.row_cells)
            self.row_cells = 0
        if data.count(row_tag) > len(rows):
            self.unreferenced_rows += data.count(row_tag + b" ") + data.count(row_tag + b">")
            self.unreferenced_rows -= data.count(self.row_reference)
        self._check()

    def extent(self) -> Extent:
        columns = self.last_column + max(self.unreferenced_row_cells, self.row_cells)
        return Extent(rows=self.last_row + self.unreferenced_rows, columns=columns)

    def _check(self) -> None:
        extent = self.extent()
        if extent.cells > self.limits.cells:
            raise OverLimit("cells", self.limits, extent)

    def finish(self) -> Extent:
        if self.prefix is None:
            data, self.head = self.head, b""
            self._start(data)
            self.feed(data)
        if self.tail:
            data, self.tail = self.tail + b"<", b""
            self.feed(data)
        self._check()
        return self.extent()


class _OdsExtent:
    """The extent of an .ods sheet: rows and cells repeat (``number-rows-repeated``,
    ``number-columns-repeated``); what counts is the last row and column holding a value (the parser
    drops the repeated empty rows and cells a sheet ends with)."""

    TAG = re.compile(
        rb"<table:(table-row|table-cell|covered-table-cell|table)\b([^>]*)>|</table:(table-row|table)>"
    )
    ROWS = re.compile(rb'table:number-rows-repeated="(\d+)"')
    COLUMNS = re.compile(rb'table:number-columns-repeated="(\d+)"')

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.buffer = b""
        self.done = False  # past the first sheet
        self.in_row = False
        self.row = self.column = 0  # rows before the current one; cells so far in it
        self.row_repeat = 1
        self.row_last_column = 0  # the last cell of the current row holding a value
        self.last_row = self.last_column = 0

    def feed(self, data: bytes) -> None:
        text = self.buffer + data
        end = 0
        for match in self.TAG.finditer(text):
            end = match.end()
            if not self.done:
                self._tag(match)
        # An unfinished tag waits for the next chunk.
        cut = text.rfind(b"<", end)
        self.buffer = text[cut:][-4096:] if cut != -1 and b">" not in text[cut:] else b""
        self._check()

    def _tag(self, match: re.Match[bytes]) -> None:
        closing, attributes = match[3], match[2] or b""
        if closing == b"table":
            self._end_row()
            self.done = True
        elif closing == b"table-row":
            self._end_row()
        elif match[1] == b"table-row":
            self._end_row()
            repeat = self.ROWS.search(attributes)
            self.in_row, self.row_repeat = True, int(repeat[1]) if repeat else 1
            self.column = self.row_last_column = 0
            if attributes.endswith(b"/"):
                self._end_row()
        elif match[1] in (b"table-cell", b"covered-table-cell") and self.in_row:
            repeat = self.COLUMNS.search(attributes)
            self.column += int(repeat[1]) if repeat else 1
            if b"office:value-type" in attributes:
                self.row_last_column = self.column

    def _end_row(self) -> None:
        if not self.in_row:
            return
        self.in_row = False
        self.row += self.row_repeat
        if self.row_last_column:
            self.last_row = self.row
            self.last_column = max(self.last_column, self.row_last_column)

    def _check(self) -> None:
        extent = Extent(rows=self.last_row, columns=self.last_column)
        if extent.cells > self.limits.cells:
            raise OverLimit("cells", self.limits, extent)

    def finish(self) -> Extent:
        self._end_row()
        self._check()
        return Extent(rows=self.last_row, columns=self.last_column)


# --- .csv ----------------------------------------------------------------------------------------------


def csv_text(path: Path) -> str:
    """A CSV file's text: UTF-8 (with or without its mark) or GB18030 (what Excel on a Chinese Windows
    writes)."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return codecs.decode(raw, encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The CSV file is neither UTF-8 nor GB18030 text."), code="unreadable")


def csv_dialect(text: str) -> Any:
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):  # not enough text to tell: the default comma dialect
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return dialect


def _measure_csv(path: Path, limits: Limits) -> Extent:
    text = csv_text(path)
    extent = Extent()
    for row in csv.reader(io.StringIO(text), csv_dialect(text)):
        extent.rows += 1
        if len(row) > extent.columns:
            extent.columns = len(row)
        if extent.rows * extent.columns > limits.cells:
            raise OverLimit("cells", limits, extent)
    return extent
