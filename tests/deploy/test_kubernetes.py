"""What the Kubernetes manifests promise, as kustomize renders the example overlay.

Schema validity is `make deploy-check`'s (kubernetes-validate, offline); these check the portal's own rules:
migrations only in the Job, the probes the portal answers, exactly one beat, non-root and read-only pods.
"""

import os
import shutil
import subprocess

import pytest
import yaml

from tests.workers import ROOT

KUBECTL = os.environ.get("KUBECTL", "kubectl")


@pytest.fixture(scope="module")
def objects() -> dict[tuple[str, str], dict]:
    if not shutil.which(KUBECTL):
        if os.environ.get("CI"):
            pytest.fail("kubectl is needed in CI (.ci/run installs it)")
        pytest.skip("kubectl is not installed")
    rendered = subprocess.run(
        [KUBECTL, "kustomize", str(ROOT / "deploy" / "kubernetes" / "overlays" / "example")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {(item["kind"], item["metadata"]["name"]): item for item in yaml.safe_load_all(rendered)}


def pod(objects, kind: str, name: str) -> dict:
    return objects[(kind, name)]["spec"]["template"]["spec"]


def containers(objects) -> list[dict]:
    return [
        container
        for (kind, _name), item in objects.items()
        if kind in ("Deployment", "Job")
        for container in item["spec"]["template"]["spec"]["containers"]
    ]


def test_only_the_job_migrates(objects):
    migrating = [
        c["name"] for c in containers(objects) if "migrate" in c.get("command", []) + c.get("args", [])
    ]

    assert migrating == ["migrate"]
    assert pod(objects, "Job", "portal-migrate")["restartPolicy"] == "Never"


@pytest.mark.django_db
def test_web_has_two_replicas_and_probes_the_portal_answers(objects, client):
    web = objects[("Deployment", "portal-web")]
    [container] = pod(objects, "Deployment", "portal-web")["containers"]

    assert web["spec"]["replicas"] >= 2
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/livez"
    assert container["command"][0] == "gunicorn"  # PID 1, so SIGTERM reaches it
    for probe in ("readinessProbe", "livenessProbe"):
        assert client.get(container[probe]["httpGet"]["path"], HTTP_HOST="10.1.2.3:8000").status_code == 200


def test_there_is_exactly_one_beat_and_it_is_never_doubled_during_a_rollout(objects):
    beat = objects[("Deployment", "portal-beat")]

    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"]["type"] == "Recreate"


def test_the_worker_health_check_pings_its_own_worker_only(objects):
    [worker] = pod(objects, "Deployment", "portal-worker")["containers"]

    assert "-d celery@$HOSTNAME" in worker["livenessProbe"]["exec"]["command"][-1]


def test_every_container_runs_as_non_root_on_a_read_only_root_with_limits(objects):
    for (kind, name), item in objects.items():
        if kind not in ("Deployment", "Job"):
            continue
        spec = item["spec"]["template"]["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        tmp = {volume["name"]: volume for volume in spec["volumes"]}["tmp"]
        assert "emptyDir" in tmp, name
        for container in spec["containers"]:
            assert container["securityContext"]["readOnlyRootFilesystem"] is True, name
            mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
            assert mounts == {"/tmp": "tmp"}, name  # noqa: S108  (the only writable place: an emptyDir)
            assert set(container["resources"]) == {"requests", "limits"}, name


def test_ingress_limits_the_body_size_and_disruptions_keep_a_pod(objects):
    ingress = objects[("Ingress", "portal-web")]

    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"]
    assert objects[("PodDisruptionBudget", "portal-web")]["spec"]["minAvailable"] >= 1


def test_config_and_secret_come_from_the_overlay(objects):
    names = {name for kind, name in objects if kind in ("ConfigMap", "Secret")}
    [config] = [name for name in names if name.startswith("portal-config-")]
    [secret] = [name for name in names if name.startswith("portal-secrets-")]

    for container in containers(objects):
        refs = {ref.get("configMapRef", ref.get("secretRef"))["name"] for ref in container["envFrom"]}
        assert refs == {config, secret}
    assert objects[("ConfigMap", config)]["data"]["PERSONAL_DATA_PURGE"] == "on"
