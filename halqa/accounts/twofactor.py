"""Two-factor authentication (TOTP, through django-otp) for moderators, experts and operators."""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify

import segno
from django_otp.plugins.otp_totp.models import TOTPDevice

from halqa.accounts.models import User

DEVICE_NAME = "halqa"


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def verify_code(user: User, code: str) -> TOTPDevice | None:
    """The confirmed device that accepts `code` (django-otp throttles wrong codes per device)."""
    device = confirmed_device(user)
    digits = "".join(c for c in code if c.isdigit())
    if device is None or not digits or not device.verify_token(digits):
        return None
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an authenticator app."""
    secret = b32encode(unhexlify(device.key.encode())).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The setup QR code as inline SVG, drawn on the server: nothing loads from elsewhere."""
    svg: str = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title="TOTP"
    )
    return svg
