"""In headless Chromium: find an enterprise by a 2-character fragment; import a file with bad rows through
the preview; download the error file and read it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from hrbureau.core.imports.tests.test_imports import xlsx_bytes
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.browser


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")


def test_search_import_preview_and_error_file(
    transactional_db: Any, world: Any, live_server: Any, page: Page, tmp_path: Path
) -> None:
    EnterpriseFactory(name="深圳市凤凰光电有限公司", street=world.units["street-a"])
    base = live_server.url
    _sign_in(page, base, "dept_staff")

    # Live search: typing two characters narrows the list without a page load.
    page.click("[data-nav=enterprises]")
    table = page.locator("[data-testid=enterprise-table]")
    expect(table).to_contain_text("企业A1科技有限公司")
    page.fill("[data-testid=enterprise-q]", "凤凰")
    expect(table).to_contain_text("深圳市凤凰光电有限公司")
    expect(table).not_to_contain_text("企业A1科技有限公司")

    # Import: two good rows, two bad ones.
    source = tmp_path / "企业名录.xlsx"
    source.write_bytes(
        xlsx_bytes(
            ["统一社会信用代码", "企业名称", "所属街道"],
            [
                ["91350100M000100Y43", "浏览器导入一公司", "东湖街道"],
                ["914403068B6JGEKR8R", "浏览器导入二公司", ""],
                ["91350100M000100Y44", "校验码错公司", ""],
                [4.40306e17, "数字化了的代码公司", ""],
            ],
        )
    )
    page.click("[data-testid=import]")
    page.set_input_files("input[type=file]", str(source))
    page.click("[data-testid=upload-form] button[type=submit]")
    preview = page.locator("[data-testid=preview]")
    expect(preview.locator("[data-action=create]")).to_have_count(2)
    expect(preview.locator("[data-action=reject]")).to_have_count(2)
    expect(preview).to_contain_text("校验码应为 3，而不是 4")
    assert not Enterprise.objects.filter(uscc="91350100M000100Y43").exists()  # nothing before confirming

    page.click("[data-testid=commit]")
    expect(page.locator("[data-testid=summary]")).to_have_text(
        "共 4 行：新建 2 行，更新 0 行，拒绝 2 行，跳过 0 行"
    )
    assert Enterprise.objects.get(uscc="91350100M000100Y43").street == world.units["street-a"]

    with page.expect_download() as download_info:
        page.click("[data-testid=error-file]")
    saved = tmp_path / "errors.xlsx"
    download_info.value.save_as(saved)
    lines = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert lines[0] == ("行号", "统一社会信用代码", "企业名称", "所属街道", "原因")
    assert [line[0] for line in lines[1:]] == [4, 5]
    assert "校验码" in lines[1][-1]
    assert "科学计数法" in lines[2][-1] or "15 位" in lines[2][-1]
