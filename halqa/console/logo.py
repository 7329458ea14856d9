"""Checking an uploaded logo without an image library: PNG, JPEG or WebP, read from its bytes.

SVG is refused (it can carry script). The type comes from the file's own signature, never from
its name or the browser's claim; the width and height from the format's header. A PNG's chunks
are walked to the end and their checksums verified, so a truncated or altered file is refused.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy

MAX_BYTES = 200 * 1024
MIN_SIDE, MAX_SIDE = 16, 2048
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers (baseline, progressive, lossless, …) carry the image size.
JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass(frozen=True)
class Image:
    content_type: str
    width: int
    height: int


def refusal(code: str) -> ValidationError:
    messages = {
        "type": pgettext_lazy("logo error", "Please upload a PNG, JPEG or WebP image."),
        "damaged": pgettext_lazy("logo error", "This image file is damaged or incomplete."),
        "size": pgettext_lazy("logo error", "The logo can be at most 200 KB."),
        "empty": pgettext_lazy("logo error", "The file is empty."),
        "dimensions": pgettext_lazy(
            "logo error", "The logo must be between 16 and 2048 pixels wide and high."
        ),
    }
    return ValidationError(messages[code], code=code)


def _png(data: bytes) -> tuple[int, int]:
    position, size, ended = len(PNG_SIGNATURE), None, False
    while position + 12 <= len(data) and not ended:
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 8 + length
        if end + 4 > len(data):
            break
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(data[position + 4 : end]) != crc:
            raise refusal("damaged")
        if size is None:
            if kind != b"IHDR" or length != 13:
                raise refusal("damaged")
            size = struct.unpack(">II", data[position + 8 : position + 16])
        ended = kind == b"IEND"
        position = end + 4
    if size is None or not ended:
        raise refusal("damaged")
    return size


def _jpeg(data: bytes) -> tuple[int, int]:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise refusal("damaged")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in JPEG_FRAMES and position + 9 <= len(data):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            if b"\xff\xd9" not in data[position:]:
                raise refusal("damaged")
            return width, height
        if length < 2:
            raise refusal("damaged")
        position += 2 + length
    raise refusal("damaged")


def _webp(data: bytes) -> tuple[int, int]:
    (riff_size,) = struct.unpack("<I", data[4:8])
    if riff_size + 8 != len(data) or len(data) < 30:
        raise refusal("damaged")
    chunk, body = data[12:16], data[20:]
    if chunk == b"VP8 " and body[3:6] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", body[6:10])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and body[0] == 0x2F:
        (bits,) = struct.unpack("<I", body[1:5])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        width = int.from_bytes(body[4:7], "little") + 1
        height = int.from_bytes(body[7:10], "little") + 1
        return width, height
    raise refusal("damaged")


def check_logo(data: bytes) -> Image:
    """The image's type and size, or a ValidationError saying (localised) what is wrong."""
    if not data:
        raise refusal("empty")
    if len(data) > MAX_BYTES:
        raise refusal("size")
    if data.startswith(PNG_SIGNATURE):
        content_type, (width, height) = "image/png", _png(data)
    elif data.startswith(b"\xff\xd8\xff"):
        content_type, (width, height) = "image/jpeg", _jpeg(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        content_type, (width, height) = "image/webp", _webp(data)
    else:
        raise refusal("type")
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise refusal("dimensions")
    return Image(content_type=content_type, width=width, height=height)
