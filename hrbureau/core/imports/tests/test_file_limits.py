"""Files built to exhaust memory — zip bombs as real xlsx files — are refused before any parser opens
them: the upload request only stores the file and reads what it declares; the worker measures what it
really unpacks to and refuses it with a message that says the limit and how to split the file."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hrbureau.core.imports import engine, filecheck
from hrbureau.core.imports.tests.test_imports import upload, xlsx_bytes
from hrbureau.core.models import ImportJob

ROOT = Path(__file__).resolve().parents[4]

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def bomb_xlsx(path: Path, *, rows: int, columns: int, dimension: str = "A1:B2") -> None:
    """A real xlsx whose sheet holds ``rows`` × ``columns`` numbers — the same bytes each row, so that
    it deflates a thousandfold — and declares a small ``<dimension>`` (a lie)."""
    row = b"<row>" + b"<c><v>1</v></c>" * columns + b"</row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_START + f'<dimension ref="{dimension}"/><sheetData>'.encode())
            block = row * 1000
            for _ in range(rows // 1000):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")


def sheet_xlsx(path: Path, sheet_data: bytes, *, dimension: str | None = None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        declared = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            SHEET_START + declared + b"<sheetData>" + sheet_data + b"</sheetData></worksheet>",
        )


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: Any) -> Path:
    """400,000 rows × 50 cells (20 million cells, 320 MB of XML) in about 1 MB."""
    path = tmp_path_factory.mktemp("bomb") / "名录.xlsx"
    bomb_xlsx(path, rows=400_000, columns=50)
    assert path.stat().st_size < 2 * 1024 * 1024
    return path


@pytest.fixture
def no_parsing(monkeypatch: Any) -> None:
    """Any spreadsheet parse fails the test."""
    import python_calamine

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was handed to the spreadsheet parser")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", refuse)


def test_the_upload_of_a_zip_bomb_stays_cheap_and_the_worker_refuses_it(
    world: Any, bomb: Path, no_parsing: None, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    tracemalloc.start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = upload(world, "enterprises", bomb.read_bytes(), name="名录.xlsx")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Stored and looked at, not parsed: the request unpacked at most its own small limit.
    assert peak < 48 * 1024 * 1024, f"the upload request held {peak / 2**20:.0f} MB"
    assert job.status == ImportJob.Status.CHECKING
    assert engine.job_path(job).exists()
    assert DBTaskResult.objects.filter(task_path="hrbureau.core.imports.tasks.check_import").exists()

    from hrbureau.core.imports.tasks import check_import

    check_import.call(job.pk)  # what the worker runs
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    # Said in words the uploader can act on: the limit, and how to split the file.
    # (Numbers as the interface writes them in Chinese: 3000000.)
    assert "每次导入最多 3000000 个单元格" in job.message, job.message
    assert "50 列" in job.message
    assert "每个文件不超过 59999 行" in job.message
    assert "保留表头行" in job.message
    assert job.total_rows == 0
    assert not job.header_map


def test_measuring_a_zip_bomb_takes_little_memory(bomb: Path) -> None:
    """In a process of its own, so that the peak is its own: the measurement streams."""
    script = (
        "import json, django;"
        "django.setup();"
        "from pathlib import Path;"
        "from hrbureau.core.imports import filecheck;"
        "error = None\n"
        "try:\n"
        f"    filecheck.measure(Path({str(bomb)!r}), filecheck.file_limits())\n"
        "except filecheck.OverLimit as exc:\n"
        "    error = exc.kind\n"
        # VmHWM, the peak of this process's own memory: ru_maxrss would carry over the peak of the test
        # process that started it (the child is started by vfork, and the peak survives exec).
        "peak = next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM:'))\n"
        "print(json.dumps({'error': error, 'peak_kb': peak}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hrbureau.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["error"] == "cells"
    # Django and the app alone take about 80 MB; parsing this sheet would take gigabytes.
    assert outcome["peak_kb"] < 250 * 1024, outcome


def test_a_sheet_of_two_far_apart_cells_is_refused(world: Any, tmp_path: Path, no_parsing: None) -> None:
    """Two cells, A1 and XFD1048576: the parser would build the grid between them (17 billion cells)."""
    path = tmp_path / "sparse.xlsx"
    sheet_xlsx(
        path,
        b'<row r="1"><c r="A1" t="n"><v>1</v></c></row>'
        b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>',
    )
    assert path.stat().st_size < 2048
    job = upload(world, "enterprises", path.read_bytes())
    job = engine.check(job.pk)
    assert job.status == ImportJob.Status.INVALID
    assert "至少 1048576 行 × 16384 列" in job.message


def test_a_declared_dimension_past_the_cap_is_refused_in_the_request(
    world: Any, tmp_path: Path, no_parsing: None
) -> None:
    path = tmp_path / "declared.xlsx"
    sheet_xlsx(path, b'<row r="1"><c r="A1" t="n"><v>1</v></c></row>', dimension="A1:AX400000")
    job = upload(world, "enterprises", path.read_bytes())
    assert job.status == ImportJob.Status.INVALID  # no worker needed
    assert "至少 400000 行 × 50 列" in job.message


def test_sizes_in_the_zip_headers_are_not_trusted(tmp_path: Path, settings: Any) -> None:
    """A part whose headers declare 1 KB but which unpacks to 40 MB (Python's zipfile would stop at the
    declared size; the parser would not): measured by what comes out."""
    settings.IMPORT_MAX_CELLS = 10_000  # the parts may unpack to 32 MB
    path = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_START + b"<sheetData/></worksheet>")
        archive.writestr(
            "xl/sharedStrings.xml", b"<sst><si><t>" + b"A" * (40 * 1024 * 1024) + b"</t></si></sst>"
        )
    _declare_size(path, "xl/sharedStrings.xml", 1024)
    assert sum(i.file_size for i in zipfile.ZipFile(path).infolist()) < 8 * 1024
    filecheck.check_declared(path, filecheck.file_limits())  # what it declares is small
    with pytest.raises(filecheck.OverLimit) as refused:
        filecheck.measure(path, filecheck.file_limits())
    assert refused.value.kind == "unpacked"
    assert "解压后超过 32 MB" in refused.value.messages[0]


def _declare_size(path: Path, name: str, size: int) -> None:
    """Rewrite a part's uncompressed size in its local header and in the central directory."""
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    encoded = name.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == encoded:
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_a_csv_past_the_cap_is_refused_with_the_split_advice(world: Any, settings: Any) -> None:
    settings.IMPORT_MAX_CELLS = 10_000
    text = "统一社会信用代码,企业名称" + ",备注" * 48 + "\r\n" + ("x," * 49 + "x\r\n") * 300
    job = upload(world, "enterprises", text.encode("gb18030"), name="big.csv")
    assert job.status == ImportJob.Status.INVALID
    assert "每次导入最多 10000 个单元格" in job.message
    assert "每个文件不超过 199 行" in job.message


def test_an_xls_is_measured_from_its_cell_records(tmp_path: Path) -> None:
    """A minimal .xls (a compound file with a BIFF8 workbook stream) holding cells at A1 and IV65536."""
    path = tmp_path / "far.xls"
    path.write_bytes(_xls_with_cells([(0, 0), (65535, 255)]))
    with pytest.raises(filecheck.OverLimit) as refused:
        filecheck.measure(path, filecheck.file_limits())
    assert (refused.value.extent.rows, refused.value.extent.columns) == (65536, 256)
    small = tmp_path / "small.xls"
    small.write_bytes(_xls_with_cells([(0, 0), (9, 3)]))
    extent = filecheck.measure(small, filecheck.file_limits())
    assert (extent.rows, extent.columns) == (10, 4)


def _xls_with_cells(cells: list[tuple[int, int]]) -> bytes:
    """A compound file of 512-byte sectors: header, one FAT sector, one directory sector, the stream."""
    records = struct.pack("<HHHH", 0x0809, 4, 0x0600, 0x0010)  # BOF, worksheet
    for row, column in cells:
        records += struct.pack("<HHHHHd", 0x0203, 14, row, column, 0, 1.0)  # NUMBER
    records += struct.pack("<HH", 0x000A, 0)  # EOF
    stream = records.ljust(((len(records) + 4095) // 4096) * 4096, b"\0")  # past the mini-stream cutoff
    stream_sectors = len(stream) // 512
    fat = [0xFFFFFFFD, 0xFFFFFFFE]  # sector 0: the FAT itself; sector 1: the directory
    fat += [2 + i + 1 for i in range(stream_sectors - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(512)
    header[:8] = filecheck.CFB_MAGIC
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<H", header, 0x20, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # one FAT sector
    struct.pack_into("<IIIIIII", header, 0x30, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([0xFFFFFFFF] * 108))

    def entry(name: str, kind: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        raw = bytearray(128)
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, 0xFFFFFFFF, 0xFFFFFFFF, 1 if kind == 5 else 0xFFFFFFFF)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0) + entry("Workbook", 2, 2, len(stream))
    directory = directory.ljust(512, b"\0")
    return bytes(header) + struct.pack("<128I", *fat) + directory + stream


def test_an_ordinary_file_is_measured_to_its_extent(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    path.write_bytes(xlsx_bytes(["统一社会信用代码", "企业名称", "从业人数"], [["a", "b", 1]] * 10))
    extent = filecheck.measure(path, filecheck.file_limits())
    assert (extent.rows, extent.columns) == (11, 3)


def test_an_ods_is_measured_to_its_last_value(tmp_path: Path) -> None:
    """LibreOffice ends a sheet with a million repeated empty rows: they do not count."""
    content = (
        b'<office:document-content xmlns:office="o" xmlns:table="t"><office:body><office:spreadsheet>'
        b'<table:table table:name="S">'
        b'<table:table-row><table:table-cell office:value-type="string"/><table:table-cell/></table:table-row>'
        b'<table:table-row table:number-rows-repeated="4"><table:table-cell table:number-columns-repeated="2"'
        b' office:value-type="float"/></table:table-row>'
        b'<table:table-row table:number-rows-repeated="1048570"><table:table-cell'
        b' table:number-columns-repeated="1024"/></table:table-row>'
        b"</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "sheet.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    extent = filecheck.measure(path, filecheck.file_limits())
    assert (extent.rows, extent.columns) == (5, 2)
    bomb = content.replace(b'number-columns-repeated="2"', b'number-columns-repeated="16384"').replace(
        b'number-rows-repeated="4"', b'number-rows-repeated="1000"'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", bomb)
    with pytest.raises(filecheck.OverLimit):
        filecheck.measure(path, filecheck.file_limits())


def test_a_small_file_is_checked_in_the_request(world: Any) -> None:
    """The preview of a small file needs no worker."""
    job = upload(
        world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], [["91350100M000100Y43", "甲"]])
    )
    assert job.status == ImportJob.Status.UPLOADED
    assert job.cells == 4
    assert job.preview["rows"][0][:2] == [2, "create"]
