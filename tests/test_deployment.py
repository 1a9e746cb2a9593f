"""The container: its health check answers on a running dashboard (and fails on a dead one), and, where a
container runtime is available, the image builds and serves the dashboard."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from etl.paths import PROJECT_DIR
from tests.chromium import free_port, running_streamlit
from tests.test_browser import running_dashboard

DOCKERFILE = PROJECT_DIR / "Dockerfile"


def health_check_command(port: int) -> str:
    """The Dockerfile's HEALTHCHECK command, pointed at `port`."""
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    command = re.search(r"^HEALTHCHECK .*? CMD (.+)$", text, re.MULTILINE).group(1)
    return command.replace("8501", str(port))


def test_the_health_check_passes_on_a_running_dashboard_and_fails_on_a_dead_one(built_database, tmp_path):
    with running_dashboard(built_database) as url:
        port = int(url.rsplit(":", 1)[1])
        alive = subprocess.run(["sh", "-c", health_check_command(port)], capture_output=True, timeout=30)
    assert alive.returncode == 0, alive.stderr
    dead = subprocess.run(["sh", "-c", health_check_command(free_port())], capture_output=True, timeout=30)
    assert dead.returncode != 0


def test_what_the_image_copies_is_enough_to_build_the_database_and_serve(tmp_path):
    """The Dockerfile's COPY lines, followed by hand into a folder: nothing the app needs is left out."""
    app = tmp_path / "app"
    for source, target in re.findall(r"^COPY (\S+) (\S+)$", DOCKERFILE.read_text(encoding="utf-8"), re.MULTILINE):
        destination = app / (source if target in ("./", ".") else target)
        if (PROJECT_DIR / source).is_dir():
            shutil.copytree(PROJECT_DIR / source, destination, ignore=shutil.ignore_patterns("*.duckdb*", "backups"))
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(PROJECT_DIR / source, destination)
    build = subprocess.run([sys.executable, "-m", "etl", "build"], cwd=app, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    with running_streamlit("dashboard.py", folder=app) as url:
        port = int(url.rsplit(":", 1)[1])
        check = subprocess.run(["sh", "-c", health_check_command(port)], capture_output=True, timeout=30)
    assert check.returncode == 0, check.stderr


def container_runtime_problem() -> str | None:
    """Why no image can be built here, or None when one can."""
    if shutil.which("docker") is None:
        return "no container runtime: the docker command is not installed"
    info = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=60)
    if info.returncode != 0:
        reason = (info.stderr.strip().splitlines() or ["no reason given"])[-1]
        return f"no container runtime: docker info failed ({reason})"
    base = re.search(r"^FROM (\S+)", DOCKERFILE.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    for command in (["docker", "image", "inspect", base], ["docker", "pull", base]):
        if subprocess.run(command, capture_output=True, timeout=600).returncode == 0:
            return None
    return f"the base image {base} is neither here nor reachable"


def test_the_container_builds_and_serves_the_dashboard():
    problem = container_runtime_problem()
    if problem:
        pytest.skip(problem)
    tag = "poverty-dashboard-test"
    subprocess.run(["docker", "build", "-t", tag, str(PROJECT_DIR)], check=True, timeout=1800)
    port = free_port()
    container = subprocess.run(
        ["docker", "run", "-d", "--rm", "-p", f"127.0.0.1:{port}:8501", tag],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5).read() == b"ok":
                    break
            except OSError:
                time.sleep(2)
        else:
            pytest.fail("the container never answered its health check")
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read()
        assert b"<title>" in page
    finally:
        subprocess.run(["docker", "stop", container], capture_output=True, timeout=60)
