import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from halqa.core import crypto


@pytest.fixture
def keys(settings):
    def use(*keys: str) -> None:
        settings.ENCRYPTION_KEYS = list(keys)
        crypto.reset_keys()

    yield use
    crypto.reset_keys()


def test_encrypt_round_trips_arabic_and_hides_the_text(keys):
    keys(Fernet.generate_key().decode())
    token = crypto.encrypt("يومي كان صعباً")
    assert "يومي" not in token
    assert crypto.decrypt(token) == "يومي كان صعباً"


def test_rotation_keeps_old_text_readable_and_rewrites_it_with_the_new_key(keys):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    keys(old)
    token = crypto.encrypt("note")
    keys(new, old)
    assert crypto.decrypt(token) == "note"
    rotated = crypto.rotate(token)
    keys(new)
    assert crypto.decrypt(rotated) == "note"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


def test_bad_key_is_a_configuration_error(keys):
    keys("not-a-key")
    with pytest.raises(ImproperlyConfigured, match="HALQA_ENCRYPTION_KEYS"):
        crypto.encrypt("x")


def test_without_keys_a_demo_key_is_made_once(keys, settings, tmp_path):
    settings.ENCRYPTION_KEY_FILE = tmp_path / "encryption_key"
    keys()
    token = crypto.encrypt("x")
    crypto.reset_keys()
    assert crypto.decrypt(token) == "x"
    assert settings.ENCRYPTION_KEY_FILE.stat().st_mode & 0o077 == 0
