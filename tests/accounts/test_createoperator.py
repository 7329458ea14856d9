"""`halqa createoperator`: validated like sign-up, prints the recovery codes."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from halqa.accounts.models import User
from tests.accounts.conftest import GOOD_PASSWORD

pytestmark = pytest.mark.django_db


def test_createoperator_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPERATOR_PASSWORD", GOOD_PASSWORD)
    out = StringIO()
    call_command(
        "createoperator",
        pseudonym="Night_Keeper",
        password_from_env="OPERATOR_PASSWORD",
        stdout=out,
    )
    user = User.objects.get()
    assert (user.pseudonym, user.role) == ("Night_Keeper", "operator")
    assert len(re.findall(r"\b[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}\b", out.getvalue())) == 10


def test_createoperator_interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt: "Night_Keeper")
    monkeypatch.setattr("getpass.getpass", lambda prompt: GOOD_PASSWORD)
    call_command("createoperator", stdout=StringIO())
    assert User.objects.get().role == "operator"


@pytest.mark.parametrize(
    ("pseudonym", "password", "message"),
    [
        ("admin", GOOD_PASSWORD, "pseudonym"),
        ("Night_Keeper", "123", "password"),
    ],
)
def test_createoperator_validates_like_sign_up(
    monkeypatch: pytest.MonkeyPatch, pseudonym: str, password: str, message: str
) -> None:
    monkeypatch.setenv("OPERATOR_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        call_command("createoperator", pseudonym=pseudonym, password_from_env="OPERATOR_PASSWORD")
    assert not User.objects.exists()


def test_createoperator_missing_variable() -> None:
    with pytest.raises(CommandError, match="NOT_SET_ANYWHERE"):
        call_command(
            "createoperator", pseudonym="Night_Keeper", password_from_env="NOT_SET_ANYWHERE"
        )
