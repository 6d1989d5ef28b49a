"""OpenAPI schema and Swagger UI: generated without errors, served offline, allowed by CSP."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.factories import UserFactory

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
ASSET = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


def signed_in() -> Client:
    client = Client()
    client.force_login(UserFactory())
    return client


@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/"])
def test_it_shows_the_schema_and_docs_to_signed_in_users_only(db, url):
    assert Client().get(url).status_code in (401, 403)
    assert signed_in().get(url).status_code == 200


def test_it_serves_the_schema_with_every_endpoint(db):
    response = signed_in().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/auth/token/",
        "/api/v1/orgs/orgunits/",
        "/api/v1/orgs/enterprises/{id}/",
        "/api/v1/members/members/{id}/id-number/",
        "/api/v1/members/memberships/{id}/transfer/",
        "/api/v1/members/memberships/{id}/leave/",
        "/api/v1/plans/targets/{target_pk}/progress/",
        "/api/v1/democracy/congresses/",
        "/api/v1/contracts/contracts/{id}/file/",
        "/api/v1/rights/work-orders/{id}/accept/",
    ):
        assert path in paths
    assert "delete" not in paths["/api/v1/members/members/{id}/"]
    token_doc = paths["/api/v1/auth/token/"]["post"]["description"]
    assert "修改初始密码" in token_doc


def test_it_serves_swagger_ui_from_our_own_host(db):
    client = signed_in()
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = ASSET.findall(html)
    assert assets, "the page loads no assets at all"
    for url in assets:
        assert url.startswith("/") and not url.startswith("//"), url
        assert client.get(url).status_code == 200, url
    assert "http://" not in html and "https://" not in html


def test_it_has_no_inline_script_so_csp_allows_it(db):
    response = signed_in().get("/api/docs/")
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert script_src.split()[1:] == ["'self'"]
    scripts = SCRIPT.findall(response.content.decode())
    assert len(scripts) == 3
    for attrs, body in scripts:
        assert 'src="/' in attrs and not body.strip()
    init = signed_in().get("/api/docs/", {"script": ""})
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in init.content.decode()
    assert "/api/schema/" in init.content.decode()


@pytest.mark.parametrize("value", ["true", "0", "-1", "501", "2.5", "١٠"])
def test_it_refuses_a_page_size_that_is_not_one_to_five_hundred(personas, value):
    response = personas["owner"].client().get("/api/v1/members/members/", {"page_size": value})
    assert response.status_code == 400
    assert response.json() == {"page_size": ["每页条数应为1至500之间的整数"]}


def test_it_pages_by_the_size_asked_for(personas):
    response = personas["district_admin"].client().get("/api/v1/orgs/orgunits/", {"page_size": 1})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1 and response.json()["next"]


def test_it_documents_the_page_size_bounds(db):
    schema = signed_in().get("/api/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/members/members/"]["get"]["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")
    assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": 500}
