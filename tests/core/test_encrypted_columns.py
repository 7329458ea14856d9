"""Every encrypted column is registered for `halqa rotate-keys`, and every registration is real."""

from __future__ import annotations

import re

from django.apps import apps

from halqa.core.encrypted import _COLUMNS

# How the apps name columns that hold Fernet tokens.
ENCRYPTED_NAMES = re.compile(r"(_encrypted|^sealed|^note_token|^licence_number|^licence_body)$")


def test_every_registered_column_exists() -> None:
    for label, fields in _COLUMNS.items():
        model = apps.get_model(label)
        for field in fields:
            assert model._meta.get_field(field).get_internal_type() == "TextField", (label, field)


def test_every_encrypted_looking_column_is_registered() -> None:
    registered = {(label.lower(), field) for label, fields in _COLUMNS.items() for field in fields}
    found = {
        (model._meta.label_lower, field.name)
        for model in apps.get_models()
        if model.__module__.startswith("halqa.")
        for field in model._meta.concrete_fields
        if ENCRYPTED_NAMES.search(field.name)
    }
    assert found, "the naming rule found nothing: it is out of date"
    assert found <= registered, found - registered
