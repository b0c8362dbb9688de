"""The lock file: every package `make install` puts in .venv, pinned with its hashes.

    python3 tools/lock.py check     # is requirements.lock still the lock of pyproject.toml?
    python tools/lock.py compile    # re-lock (run by `make lock`, with uv from the tools venv)
    python tools/lock.py audit      # pip-audit the lock (run by `make audit`)
    .venv/bin/python tools/lock.py prune   # uninstall what the lock does not list (`make install`)

The lock is made from pyproject.toml's dependencies, its `dev` extra and its build requirements
(setuptools, wheel) plus pip itself, so `make install` fetches nothing unpinned: it installs the
lock with `pip --require-hashes` and then the project with `--no-deps --no-build-isolation`.
Its first line is a fingerprint of those inputs; `check` compares it, so a dependency changed
in pyproject.toml without `make lock` is an error at install, in a fresh clone as anywhere
(file times mean nothing in a clone). Editing other parts of pyproject.toml (tool settings)
needs no re-lock. Standard library only: `check` runs on the machine's bare python3.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"
FINGERPRINT = "# inputs-sha256: "
PYTHON_VERSION = "3.11"  # the oldest Python the project supports; the lock is universal above it
# pip-audit asks PyPI's JSON API per package and version ({name}/{version}/json, which a mirror or
# proxy may not serve even where the rest of PyPI answers) or OSV. Each is probed first, and the run
# is --strict: a package the service cannot answer for fails the audit instead of being skipped.
SERVICES = {"pypi": "https://pypi.org/pypi/{name}/{version}/json", "osv": "https://api.osv.dev/v1/vulns/PYSEC-2021-1"}


def fingerprint() -> str:
    """sha256 of what the lock is made from, in a canonical form."""
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    project = data.get("project", {})
    inputs = {
        "requires-python": project.get("requires-python"),
        "dependencies": project.get("dependencies", []),
        "optional-dependencies": project.get("optional-dependencies", {}),
        "build-system": data.get("build-system", {}).get("requires", []),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def check() -> int:
    if not LOCK.exists():
        print(f"{LOCK.name} is missing: run `make lock` (needs PyPI) and commit it.", file=sys.stderr)
        return 1
    first = LOCK.read_text(encoding="utf-8").splitlines()[:1]
    if first != [FINGERPRINT + fingerprint()]:
        print(f"{LOCK.name} is out of date: the dependencies in pyproject.toml changed since it was made.\n"
              "Run `make lock` (needs PyPI), check the diff, commit both files, then `make install`.",
              file=sys.stderr)
        return 1
    return 0


def compile_lock() -> int:
    """Resolve with uv (next to this interpreter, in the tools venv) and stamp the fingerprint."""
    uv = Path(sys.executable).with_name("uv")
    build = tomllib.loads(PYPROJECT.read_text(encoding="utf-8")).get("build-system", {}).get("requires", [])
    with tempfile.TemporaryDirectory() as tmp:
        extra = Path(tmp) / "build-and-pip.in"
        extra.write_text("\n".join([*build, "pip"]) + "\n", encoding="utf-8")
        out = Path(tmp) / "requirements.lock"
        command = [str(uv), "pip", "compile", "--no-config", "--quiet", str(PYPROJECT), str(extra),
                   "--extra", "dev", "--universal", "--python-version", PYTHON_VERSION, "--generate-hashes",
                   "--custom-compile-command", "make lock", "--output-file", str(out)]
        result = subprocess.run(command, cwd=ROOT, env={**os.environ, "UV_NO_CONFIG": "1"})
        if result.returncode != 0:
            return result.returncode
        body = out.read_text(encoding="utf-8").replace(str(extra), "build requirements and pip")
        body = body.replace(str(PYPROJECT), "pyproject.toml")
    LOCK.write_text(f"{FINGERPRINT}{fingerprint()}\n{body}", encoding="utf-8")
    print(f"wrote {LOCK.name}")
    return 0


def _reachable(url: str) -> str | None:
    """None when the service answers as expected, else why not."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return None if answer.status == 200 else f"HTTP {answer.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return str(getattr(exc, "reason", exc))


def audit() -> int:
    """pip-audit against the lock, with the first advisory service that answers; say so if none does."""
    reasons = {}
    name, version = next(iter(sorted(_locked_versions().items())))
    for service, template in SERVICES.items():
        probe = template.format(name=name, version=version)
        reason = _reachable(probe)
        if reason is None:
            pip_audit = Path(sys.executable).with_name("pip-audit")
            print(f"auditing {LOCK.name} against the {service} advisory service", flush=True)
            return subprocess.run([str(pip_audit), "--vulnerability-service", service, "--disable-pip", "--strict",
                                   "--requirement", str(LOCK), "--progress-spinner", "off",
                                   "--desc", "off", "--aliases", "on"], cwd=ROOT).returncode
        reasons[service] = f"{probe}: {reason}"
    print("make audit: NOTHING WAS AUDITED. No vulnerability advisory service can be reached from here:",
          file=sys.stderr)
    for service, reason in reasons.items():
        print(f"  {service}: {reason}", file=sys.stderr)
    print("Run `make audit` where PyPI's JSON API or api.osv.dev answers.", file=sys.stderr)
    return 3


def _locked_versions() -> dict[str, str]:
    """{normalised name: version} of every package the lock pins."""
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line[:1].isalnum() and "==" in line:
            name, _, rest = line.partition("==")
            pins[_normal(name.split("[", 1)[0])] = rest.split(";", 1)[0].split()[0].rstrip("\\")
    return pins


def _locked_names() -> set[str]:
    return set(_locked_versions())


def _normal(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(".", "-")


def prune() -> int:
    """Uninstall from this interpreter's environment every package the lock does not list (a venv
    made before a package left the lock keeps it otherwise), except the project itself."""
    from importlib.metadata import distributions

    project = _normal(tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["name"])
    keep = _locked_names() | {project}
    extra = sorted({_normal(d.metadata["Name"]) for d in distributions() if d.metadata["Name"]} - keep)
    if not extra:
        return 0
    print(f"removing packages the lock does not list: {', '.join(extra)}")
    return subprocess.run([sys.executable, "-m", "pip", "uninstall", "--quiet", "--yes", *extra]).returncode


def main(argv: list[str]) -> int:
    actions = {"check": check, "compile": compile_lock, "audit": audit, "prune": prune}
    if len(argv) != 1 or argv[0] not in actions:
        print(f"usage: {Path(__file__).name} {'|'.join(actions)}", file=sys.stderr)
        return 2
    return actions[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
