"""Error pages are Chinese, inside the layout, and offer a way back; the favicon is served."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_it_answers_an_unknown_address_with_a_chinese_404_inside_the_layout(personas):
    response = (
        personas["owner"]
        .client()
        .get("/members/no-such-page/", HTTP_REFERER="http://testserver/members/")
    )
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page
    assert 'class="sidebar"' in page  # the menu stays, the user is not stranded
    assert 'href="http://testserver/members/"' in page and "返回上一页" in page
    assert "Not Found" not in page


def test_it_answers_a_forbidden_action_with_a_chinese_403_that_names_the_reason(personas):
    response = personas["auditor"].client().get(reverse("orgs:orgunit_list") + "?export=xlsx")
    assert response.status_code == 403
    page = response.content.decode()
    assert "没有权限" in page and "您没有导出权限" in page and "返回首页" in page
    assert "Forbidden" not in page and "Not Found" not in page


def test_it_explains_a_csrf_failure_in_chinese(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["owner"].user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期" in page and "请重新提交" in page
    assert "CSRF verification failed" not in page


def test_it_renders_the_500_page_in_chinese_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "系统出错" in page and "返回首页" in page


def test_it_serves_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)
