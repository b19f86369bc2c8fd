"""docker-compose.yml and the Dockerfile: Neo4j (official, Community, Cypher 5) with a volume, a health
check and credentials from the environment, and the API pointed at it. No Docker engine runs here, so
the file is checked by reading it, by `docker-compose config` / `docker compose config` where that CLI
exists (it validates against the compose schema without an engine), and by feeding its settings to
Neo4jStore.from_env with a fake driver."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from orgkg.graph.neo4j import Neo4jStore
from orgkg.graph.store import StoreError

REPO = Path(__file__).resolve().parent.parent
COMPOSE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "Dockerfile"
_VAR = re.compile(r"\$\{(\w+)(?::([-?])([^}]*))?\}")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}, enough for this file."""
    def one(m: re.Match[str]) -> str:
        name, kind, arg = m.groups()
        if env.get(name):
            return env[name]
        if kind == "-":
            return arg
        raise KeyError(f"{name}: {arg}")

    return _VAR.sub(one, value)


def test_neo4j_is_the_official_community_image_on_the_cypher_5_line(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert re.fullmatch(r"neo4j:5\.\d+(\.\d+)?-community", neo4j["image"])


def test_neo4j_keeps_its_data_in_a_named_volume(compose: dict[str, Any]) -> None:
    mounts = dict(v.split(":", 1) for v in compose["services"]["neo4j"]["volumes"])
    assert "neo4j-data" in compose["volumes"]
    assert mounts["neo4j-data"] == "/data"


def test_neo4j_has_a_health_check_that_runs_a_query(compose: dict[str, Any]) -> None:
    check = compose["services"]["neo4j"]["healthcheck"]
    assert check["test"][0] == "CMD-SHELL"
    assert "cypher-shell" in check["test"][1] and "RETURN 1" in check["test"][1]
    assert "$${NEO4J_AUTH" in check["test"][1]  # the password read inside the container, never written here
    for key in ("interval", "timeout", "retries", "start_period"):
        assert key in check


def test_credentials_come_only_from_the_environment(compose: dict[str, Any]) -> None:
    neo_env = compose["services"]["neo4j"]["environment"]
    api_env = compose["services"]["api"]["environment"]
    assert neo_env["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    assert api_env["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")
    with pytest.raises(KeyError, match="NEO4J_PASSWORD"):
        interpolate(api_env["NEO4J_PASSWORD"], {})
    text = COMPOSE.read_text(encoding="utf-8")
    assert not re.search(r"NEO4J_AUTH:\s*neo4j/[^$]", text)
    assert not re.search(r"^\s+\w*PASSWORD\w*:\s*[^$\s]", text, re.M)  # no key ending in PASSWORD has a literal


def test_the_api_is_built_from_the_repository_and_waits_for_a_healthy_neo4j(compose: dict[str, Any]) -> None:
    api = compose["services"]["api"]
    assert api["build"]["context"] == "."
    assert (REPO / api["build"]["dockerfile"]).resolve() == DOCKERFILE
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["command"][:2] == ["orgkg", "serve"] and "0.0.0.0" in api["command"]
    port = api["command"][api["command"].index("--port") + 1]
    assert any(p.endswith(f":{port}") for p in api["ports"])
    assert "/health" in " ".join(api["healthcheck"]["test"])
    assert set(api["environment"]) >= {"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"}


def test_the_api_settings_reach_the_neo4j_service(compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment compose gives the API makes Neo4jStore connect to the neo4j service as its admin."""
    env = {"NEO4J_PASSWORD": "a-long-password"}
    api_env = {k: interpolate(str(v), env) for k, v in compose["services"]["api"]["environment"].items()}
    neo_auth = interpolate(compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"], env)
    calls: dict[str, Any] = {}

    class Driver:
        def verify_connectivity(self) -> None:
            calls["verified"] = True

    def driver(uri: str, auth: Any = None) -> Driver:
        calls.update(uri=uri, auth=auth)
        return Driver()

    for key in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in api_env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr("neo4j.GraphDatabase.driver", driver)
    monkeypatch.setattr(Neo4jStore, "ensure_schema", lambda self: None)
    store = Neo4jStore.from_env()
    host, port = re.fullmatch(r"neo4j://([\w.-]+):(\d+)", calls["uri"]).groups()
    assert host in compose["services"] and port == "7687"
    assert calls["auth"] == tuple(neo_auth.split("/", 1))  # the user and password Neo4j was started with
    assert store.database == "neo4j" and calls["verified"]
    monkeypatch.delenv("NEO4J_URI")
    with pytest.raises(StoreError, match="NEO4J_URI"):
        Neo4jStore.from_env()


def test_the_dockerfile_installs_every_package_folder() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    folders = set(pyproject["tool"]["setuptools"]["package-dir"].values())
    copied = {m.group(1).rstrip("/") for m in re.finditer(r"^COPY (\S+) \S+$", text, re.M)}
    assert folders <= copied, f"the Dockerfile misses {sorted(folders - copied)}"
    assert "pyproject.toml README.md ./" in text and re.search(r"^RUN pip install \.", text, re.M)
    assert re.search(r"^FROM python:3\.(1[1-9])", text, re.M)
    assert "examples/" in copied or "examples" in copied  # the project's own examples, for `orgkg load`
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "data", ".git"} <= set(ignored)


def _compose_cli() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return None


def test_compose_config_validates_the_file() -> None:
    cli = _compose_cli()
    if cli is None:
        pytest.skip("docker-compose / `docker compose` is not installed: the schema check by the compose CLI "
                    "is skipped (apt-get install docker-compose runs it)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    good = subprocess.run([*cli, "-f", str(COMPOSE), "config"], capture_output=True, text=True, check=False,
                          env={**env, "NEO4J_PASSWORD": "a-long-password"}, cwd=REPO, timeout=120)
    assert good.returncode == 0, good.stderr
    resolved = yaml.safe_load(good.stdout)
    assert resolved["services"]["api"]["environment"]["NEO4J_PASSWORD"] == "a-long-password"
    bad = subprocess.run([*cli, "-f", str(COMPOSE), "config"], capture_output=True, text=True, check=False,
                         env=env, cwd=REPO, timeout=120)
    assert bad.returncode != 0 and "NEO4J_PASSWORD" in bad.stderr
