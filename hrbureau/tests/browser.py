"""What browser tests share: taking an action on a case page as a user does (core/_actions.html)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def open_action(page: Page, action: str) -> None:
    """Open the action's form in its dialog (from the buttons, or from the "more actions" menu)."""
    trigger = page.locator(f"[data-testid=case-actions] [data-action={action}]")
    if not trigger.is_visible():
        page.locator("[data-testid=more-actions] > summary").click()
    trigger.click()
    expect(page.locator(f"#action-dialog form[data-action={action}]")).to_be_visible()


def act(page: Page, action: str, *, within: str | None = None, **fields: str) -> None:
    """Take ``action``: one click for an action that asks for nothing, else fill its dialog's form
    (``fields``: typed, or chosen by value or label in a select) and submit; waits for the page that
    comes back. ``within``: the element of a record inside the case (``#hearing-7``) whose own action
    it is (core/_record_actions.html), rather than the case's."""
    if within is not None:
        trigger = page.locator(f"{within} [data-testid=record-actions] [data-action={action}]")
    else:
        trigger = page.locator(f"[data-testid=case-actions] [data-action={action}]")
    if within is None and not trigger.is_visible():
        page.locator("[data-testid=more-actions] > summary").click()
    if trigger.evaluate("element => element.tagName") == "FORM":
        with page.expect_navigation():
            trigger.locator("button[type=submit]").click()
        return
    if not page.locator(f"#action-dialog form[data-action={action}]").is_visible():
        trigger.click()
    form = page.locator(f"#action-dialog form[data-action={action}]")
    expect(form).to_be_visible()
    for name, value in fields.items():
        field = form.locator(f"[name='{name}']")
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
