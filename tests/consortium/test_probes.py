"""The probes answer kubelets and load balancers, which call a pod by its IP address, and are never cached."""

import pytest

pytestmark = pytest.mark.django_db

POD = "10.1.2.3:8000"


@pytest.mark.parametrize("path", ["/livez", "/readyz", "/healthz"])
def test_probe_answers_a_pod_ip_host_that_pages_refuse(client, settings, path):
    settings.ALLOWED_HOSTS = ["portal.example.org"]

    probe = client.get(path, HTTP_HOST=POD)
    page = client.get("/en/", HTTP_HOST=POD)

    assert probe.status_code == 200
    assert probe.json()["status"] == "ok"
    assert page.status_code == 400


@pytest.mark.parametrize("path", ["/livez", "/readyz", "/healthz"])
def test_probe_is_never_cached(client, path):
    response = client.get(path)

    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/livez", "/readyz", "/healthz"])
def test_probe_is_not_redirected_to_https(client, settings, path):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(path).status_code == 200
    assert client.get("/en/").status_code == 301


def test_readyz_reports_the_database_only(client):
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok"}


def test_livez_depends_on_nothing(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")

    assert response.json() == {"status": "ok"}
