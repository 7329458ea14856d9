import pytest
from django.core.exceptions import ImproperlyConfigured

from halqa.core import env


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("YES", True), ("on", True), ("0", False), ("off", False)],
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("HALQA_X", raw)
    assert env.env_bool("HALQA_X") is expected


def test_env_bool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("HALQA_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="HALQA_X must be true or false"):
        env.env_bool("HALQA_X")


def test_env_int_refuses_text_and_too_small(monkeypatch):
    monkeypatch.setenv("HALQA_N", "ten")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env.env_int("HALQA_N", 1)
    monkeypatch.setenv("HALQA_N", "3")
    with pytest.raises(ImproperlyConfigured, match="at least 13"):
        env.env_int("HALQA_N", 16, minimum=13)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HALQA_L", " a.org, ,b.org ")
    assert env.env_list("HALQA_L", []) == ["a.org", "b.org"]


def test_env_database_defaults_to_sqlite_in_wal_mode(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.env_database("DATABASE_URL", tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_env_database_reads_postgres_url(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql://halqa:pw@db.internal:5433/halqa")
    config = env.env_database("DATABASE_URL", tmp_path / "unused")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "halqa")
    assert config["CONN_MAX_AGE"] == 0  # under ASGI, kept connections pile up per thread


def test_env_database_refuses_unknown_scheme(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "nosuchdb://x")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.env_database("DATABASE_URL", tmp_path / "unused")


def test_secret_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("HALQA_SECRET_KEY", raising=False)
    first = env.secret_key("HALQA_SECRET_KEY", tmp_path / "key")
    assert len(first) >= 50
    assert env.secret_key("HALQA_SECRET_KEY", tmp_path / "key") == first
    assert (tmp_path / "key").stat().st_mode & 0o077 == 0
