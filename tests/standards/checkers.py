"""The standards checkers in tools/standards (scripts/ensure-standards.sh installs them)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "standards" / "node_modules"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"


def require(path: Path) -> Path:
    """``path``, or skip (fail in CI, where QINGSHUI_REQUIRE_STANDARDS is set)."""
    if path.exists() and shutil.which("java"):
        return path
    message = f"{path.name} is missing: run scripts/ensure-standards.sh"
    if os.environ.get("QINGSHUI_REQUIRE_STANDARDS"):
        pytest.fail(message)
    pytest.skip(message)


def nu_check(files: list[Path]) -> list[dict]:
    """The Nu HTML Checker's errors and warnings for ``files``, as its JSON messages."""
    jar = require(VNU_JAR)
    result = subprocess.run(
        [
            "java",
            "-Xss1024k",
            "-jar",
            str(jar),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, files),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stderr or result.stdout)["messages"]
