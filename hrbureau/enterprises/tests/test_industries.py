"""Industries are shown by their GB/T 4754 names (C34 → 通用设备制造业; in English on English pages), not
by their codes: in the enterprise list, on the detail page and in the export."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils import translation
from openpyxl import load_workbook

from hrbureau.enterprises.choices import SECTION_DIVISIONS, IndustrySection
from hrbureau.enterprises.industries import DIVISIONS, SECTIONS, industry_name
from hrbureau.enterprises.tests.factories import EnterpriseFactory


def test_the_table_covers_every_section_and_division_of_the_standard() -> None:
    assert set(SECTIONS) == set(IndustrySection.values)
    assert set(DIVISIONS) == {f"{n:02d}" for divisions in SECTION_DIVISIONS.values() for n in divisions}
    assert len(DIVISIONS) == 97
    for zh, en in [*SECTIONS.values(), *DIVISIONS.values()]:
        assert zh
        assert en
        assert zh != en
    # The section names agree with the section choices' labels ("C 制造业")
    with translation.override("zh-hans"):
        for value, label in IndustrySection.choices:
            assert str(label) == f"{value} {SECTIONS[value][0]}"


def test_names_in_the_readers_language() -> None:
    with translation.override("zh-hans"):
        assert industry_name("C", "34") == "通用设备制造业"
        assert industry_name("I", "65") == "软件和信息技术服务业"
        assert industry_name("C", "") == "制造业"  # only the section known
        assert industry_name("", "") == ""
        assert industry_name("Z", "99") == "Z99"  # a code outside the standard stays visible
    with translation.override("en"):
        assert industry_name("C", "34") == "Manufacture of general-purpose machinery"
        assert industry_name("F", "") == "Wholesale and retail trade"


def test_the_list_and_the_detail_name_the_industry(world: Any, client_for: Any) -> None:
    enterprise = EnterpriseFactory(
        name="东湖通用机械有限公司",
        street=world.units["street-a"],
        industry_section="C",
        industry_division="34",
    )
    client = client_for("dept_staff")
    listing = client.get("/enterprises/?q=东湖通用机械").content.decode()
    row = listing.split("东湖通用机械有限公司", 1)[1].split("</tr>", 1)[0]
    assert "通用设备制造业" in row
    assert ">C34<" not in row
    detail = client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    industry = detail.split('data-testid="industry"', 1)[1].split("</dd>", 1)[0]
    assert "通用设备制造业" in industry
    assert "C 制造业" in industry
    assert "C34" in industry
    client.cookies["hrbureau_language"] = "en"
    listing = client.get("/enterprises/?q=东湖通用机械").content.decode()
    assert "Manufacture of general-purpose machinery" in listing


def test_the_export_names_the_industry_beside_its_code(world: Any, client_for: Any) -> None:
    response = client_for("street_staff").get("/enterprises/?export=xlsx")
    rows = list(
        load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    )
    header = list(rows[0])
    row = rows[1]
    assert row[header.index("行业大类")] == "39"
    assert row[header.index("行业")] == "计算机、通信和其他电子设备制造业"
