"""Measuring an .xls before the parser opens it: the cell records of its worksheets, read from the
compound file (OLE2) that holds its workbook stream — calamine builds a grid as large as the farthest
cell, or as the DIMENSIONS record declares."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from hrbureau.core.imports.filecheck import CFB_MAGIC, Extent, Limits, OverLimit, _unreadable

# BIFF records that hold one cell: (row, column) are their first four bytes.
_CELL_RECORDS = {0x0006, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6, 0x0406}
_MULTI_RECORDS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, ..., last column
_DIMENSIONS, _BOF, _EOF = 0x0200, 0x0809, 0x000A


def measure_xls(path: Path, limits: Limits) -> Extent:
    """The largest extent of any worksheet in an .xls, from its cell records and its declared
    DIMENSIONS (the parser builds a grid as large as either)."""
    stream = _cfb_stream(path.read_bytes(), ("Workbook", "Book"))
    extent = Extent()
    rows = columns = 0
    offset = 0
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        body = stream[offset + 4 : offset + 4 + length]
        offset += 4 + length
        if kind == _BOF:
            rows = columns = 0
        elif kind == _EOF:
            extent = Extent(max(extent.rows, rows), max(extent.columns, columns))
        elif kind in _CELL_RECORDS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind in _MULTI_RECORDS and len(body) >= 6:
            row, _first = struct.unpack_from("<HH", body)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif kind == _DIMENSIONS and len(body) >= 14:
            _first_row, last_row, _first_column, last_column = struct.unpack_from("<IIHH", body)
            rows, columns = max(rows, last_row), max(columns, last_column)
        if rows * columns > limits.cells:
            raise OverLimit("cells", limits, Extent(rows, columns))
    extent = Extent(max(extent.rows, rows), max(extent.columns, columns))
    if extent.cells > limits.cells:
        raise OverLimit("cells", limits, extent)
    return extent


def _cfb_stream(data: bytes, names: tuple[str, ...]) -> bytes:
    """One stream of a compound file (the container of .xls), read by its sector chains."""
    if data[:8] != CFB_MAGIC or len(data) < 512:
        raise _unreadable(_("not an .xls file; save it again as .xlsx"))
    damaged = _unreadable(_("damaged .xls file; save it again as .xlsx"))
    try:
        sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
        first_directory, _transaction, cutoff, first_minifat, _minifat_count, first_difat, difat_count = (
            struct.unpack_from("<7I", data, 0x30)
        )
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        per_sector = sector_size // 4
        sector_count = (len(data) - sector_size) // sector_size + 1

        def sector(number: int) -> bytes:
            if number >= sector_count:
                raise damaged
            start = (number + 1) * sector_size
            return data[start : start + sector_size]

        next_difat = first_difat
        for _sector in range(min(difat_count, sector_count)):
            if next_difat >= 0xFFFFFFFA:
                break
            difat = struct.unpack(f"<{per_sector}I", sector(next_difat))
            fat_sectors.extend(difat[:-1])
            next_difat = difat[-1]
        fat: list[int] = []
        for number in fat_sectors:
            if number < 0xFFFFFFFA:
                fat.extend(struct.unpack(f"<{per_sector}I", sector(number)))

        def chain(start: int, table: list[int]) -> Iterator[int]:
            seen = 0
            while start < 0xFFFFFFFA:
                if start >= len(table) or seen > len(table):
                    raise damaged
                yield start
                seen += 1
                start = table[start]

        directory = b"".join(sector(n) for n in chain(first_directory, fat))
        entries: dict[str, tuple[int, int]] = {}
        root: tuple[int, int] | None = None
        for at in range(0, len(directory) - 127, 128):
            name_length = struct.unpack_from("<H", directory, at + 64)[0]
            kind = directory[at + 66]
            name = directory[at : at + max(0, name_length - 2)].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<IQ", directory, at + 116)
            if sector_size == 512:
                size &= 0xFFFFFFFF
            if kind == 5:
                root = (start, size)
            elif kind == 2:
                entries.setdefault(name, (start, size))
        found = next((entries[n] for n in names if n in entries), None)
        if found is None:
            raise _unreadable(_("the file holds no workbook; save it again as .xlsx"))
        start, size = found
        if size >= cutoff:
            return b"".join(sector(n) for n in chain(start, fat))[:size]
        # A small stream lives in the mini stream, itself a chain of the root entry.
        if root is None:
            raise damaged
        minifat: list[int] = []
        for number in chain(first_minifat, fat):
            minifat.extend(struct.unpack(f"<{per_sector}I", sector(number)))
        ministream = b"".join(sector(n) for n in chain(root[0], fat))
        return b"".join(ministream[n * mini_size : (n + 1) * mini_size] for n in chain(start, minifat))[:size]
    except struct.error as exc:
        raise damaged from exc
