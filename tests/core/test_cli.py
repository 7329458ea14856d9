import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

HALQA = [sys.executable, "-m", "halqa.cli"]


def run_halqa(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HALQA_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [*HALQA, *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_env(tmp_path) -> dict[str, str]:
    return {
        "HALQA_VAR_DIR": str(tmp_path),
        "HALQA_SECRET_KEY": "k" * 20 + "-a-long-random-secret-for-production-use-1234567890",
        "HALQA_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "HALQA_HTTPS": "true",
        "HALQA_ALLOWED_HOSTS": "halqa.example.org",
    }


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = run_halqa("check", "--deploy", **production_env(tmp_path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("drop", "expected"),
    [("HALQA_HTTPS", "HALQA_HTTPS is off"), ("HALQA_SECRET_KEY", "HALQA_SECRET_KEY is not set")],
)
def test_check_deploy_fails_clearly_on_insecure_setup(tmp_path, drop, expected):
    env = production_env(tmp_path)
    del env[drop]
    result = run_halqa("check", "--deploy", **env)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_is_one_clear_line_not_a_traceback(tmp_path):
    result = run_halqa("check", HALQA_VAR_DIR=str(tmp_path), HALQA_DEBUG="perhaps")
    assert result.returncode == 1
    assert result.stderr.strip() == "halqa: error: HALQA_DEBUG must be true or false, not 'perhaps'"


def test_unknown_command_is_refused_with_usage():
    result = run_halqa("fly")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
