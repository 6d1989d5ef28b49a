"""Swagger UI renders offline and under our CSP (no inline script, no external request)."""

from __future__ import annotations

from tests.factories import PASSWORD, UserFactory


def test_it_renders_swagger_ui_in_a_browser_under_csp(browser, live_server, transactional_db):
    UserFactory(username="developer", must_change_password=False)
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    page.goto("/accounts/login/")  # the docs are for signed-in users
    page.fill("input[name=username]", "developer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    external: list[str] = []
    page.on(
        "request",
        lambda r: (
            (r.url.startswith(live_server.url) or r.url.startswith("data:"))
            or external.append(r.url)
        ),
    )
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "工会 Gonghui API" in page.inner_text(".swagger-ui .info .title")
    # Swagger UI renders the sections as they scroll into view: scroll to the end, noting
    # each section and operation path rendered on the way.
    sections, paths = _scroll_through(page)
    # One section per app, named in Chinese.
    for section in ("组织与用人单位", "会员", "民主管理", "集体合同", "维权服务", "困难职工帮扶"):
        assert section in sections, section
    assert "/api/v1/members/members/{id}/id-number/" in paths
    assert "/api/v1/assistance/payments/{id}/approve/" in paths
    context.close()
    assert not problems, problems
    assert not external, external


def _scroll_through(page) -> tuple[set[str], set[str]]:
    sections: set[str] = set()
    paths: set[str] = set()
    last = -1
    for _ in range(1500):
        sections.update(
            page.eval_on_selector_all(".opblock-tag", "els => els.map(e => e.dataset.tag)")
        )
        paths.update(
            page.eval_on_selector_all(
                ".opblock-summary-path", "els => els.map(e => e.dataset.path)"
            )
        )
        at = page.evaluate("window.scrollY")
        if at == last:
            break
        last = at
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(150)
    return sections, paths
