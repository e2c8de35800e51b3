"""Pictures that make a shared link worth opening: a 1200×630 card (``og:image``) and a
poster with the page's QR code, for WeChat and QQ groups.

Drawn with Pillow in the CJK font the certificates use, cached by what they show (a
changed title or time makes a new key, so a new picture), and sent with a long
``Cache-Control``: the URLs carry that version (``?v=``), so a chat app's copy of an old
picture is never shown for the new event.
"""

import hashlib
from io import BytesIO

import segno
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageFont

from portal.base_url import absolute_url

CARD_SIZE = (1200, 630)
POSTER_SIZE = (1080, 1440)
BRAND = "#0b5f78"
WATER = "#3aa6c4"
INK = "#16262e"
SOFT_INK = "#475a63"
PAPER = "#ffffff"
MIST = "#e8f3f6"
CACHE_SECONDS = 7 * 24 * 3600


def version(*parts) -> str:
    """A short fingerprint of what a picture shows, for its cache key and URL."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:12]


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(settings.CERTIFICATE_FONT, size, index=0)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """``text`` in lines no wider than ``width``: Chinese breaks between any two characters,
    other words at spaces; the last line ends in "…" if the text is longer."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        candidate = (line + token) if line else token.lstrip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        lines.append(line)
        line = token.lstrip()
        if len(lines) == max_lines:
            break
    if len(lines) < max_lines and line:
        lines.append(line)
    elif len(lines) == max_lines:
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _tokens(text: str):
    word = ""
    for char in " ".join(text.split()):
        if char.isascii() and not char.isspace():
            word += char
            continue
        if word:
            yield word
            word = ""
        yield char
    if word:
        yield word


def _mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The portal's mark: a drop of water on the brand colour, and its name."""
    draw.ellipse((x, y, x + size, y + size), fill=BRAND)
    r = size * 0.22
    cx, cy = x + size / 2, y + size * 0.58
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=PAPER)
    draw.polygon(
        [(cx - r * 0.92, cy - r * 0.4), (cx, y + size * 0.18), (cx + r * 0.92, cy - r * 0.4)],
        fill=PAPER,
    )
    draw.text(
        (x + size + 18, y + size / 2),
        gettext("Qingshui"),
        font=_font(int(size * 0.55)),
        fill=BRAND,
        anchor="lm",
    )


def _png(image: Image.Image) -> bytes:
    out = BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def card_png(*, kicker: str, title: str, lines: list[str]) -> bytes:
    """The 1200×630 card: a kicker (what it is), the title, a few facts, the mark."""
    image = Image.new("RGB", CARD_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, CARD_SIZE[1]), fill=BRAND)
    draw.rectangle((0, CARD_SIZE[1] - 120, CARD_SIZE[0], CARD_SIZE[1]), fill=MIST)
    draw.text((80, 70), kicker, font=_font(34), fill=WATER)
    y = 130
    title_font = _font(64)
    for line in _wrap(draw, title, title_font, CARD_SIZE[0] - 160, 2):
        draw.text((80, y), line, font=title_font, fill=INK)
        y += 84
    y += 16
    fact_font = _font(36)
    for fact in lines[:3]:
        for line in _wrap(draw, fact, fact_font, CARD_SIZE[0] - 160, 1):
            draw.text((80, y), line, font=fact_font, fill=SOFT_INK)
        y += 52
    _mark(draw, 80, CARD_SIZE[1] - 96, 72)
    return _png(image)


def poster_png(*, kicker: str, title: str, lines: list[str], url: str, prompt: str) -> bytes:
    """A poster for a chat group: the facts large, and a QR code of ``url`` to scan."""
    width, height = POSTER_SIZE
    image = Image.new("RGB", POSTER_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    title_font = _font(68)
    title_lines = _wrap(draw, title, title_font, width - 144, 3)
    band = 140 + 88 * len(title_lines) + 40  # the title sits on the brand colour, whole
    draw.rectangle((0, 0, width, band), fill=BRAND)
    draw.text((72, 72), kicker, font=_font(40), fill=MIST)
    for n, line in enumerate(title_lines):
        draw.text((72, 140 + 88 * n), line, font=title_font, fill=PAPER)
    y = band + 48
    fact_font = _font(42)
    for fact in lines[:4]:
        for line in _wrap(draw, fact, fact_font, width - 144, 2):
            draw.text((72, y), line, font=fact_font, fill=INK)
            y += 58
        y += 12
    qr_size = 420
    qr = segno.make(url, error="m")
    buffer = BytesIO()
    qr.save(buffer, kind="png", scale=10, border=2, dark=INK)
    code = (
        Image.open(BytesIO(buffer.getvalue()))
        .convert("RGB")
        .resize((qr_size, qr_size), Image.NEAREST)
    )
    top = height - qr_size - 190
    image.paste(code, ((width - qr_size) // 2, top))
    draw.text((width / 2, top + qr_size + 40), prompt, font=_font(40), fill=BRAND, anchor="mm")
    _mark(draw, 72, height - 110, 64)
    return _png(image)


def share_tags(
    *, title: str, description: str, path: str, alt: str, card_path: str = "", photo=None
) -> dict:
    """A page's Open Graph tags (``templates/includes/meta.html``): around its ``photo`` (a
    Wagtail rendition) when it has one, else around its drawn card at ``card_path``."""
    tags = {"title": title, "description": description, "url": absolute_url(path)}
    if photo is not None:
        image = {"image": absolute_url(photo.url), "image_type": "image/jpeg",
                 "image_width": photo.width, "image_height": photo.height}  # fmt: skip
    else:
        image = {"image": absolute_url(card_path), "image_type": "image/png",
                 "image_width": CARD_SIZE[0], "image_height": CARD_SIZE[1]}  # fmt: skip
    return {**tags, **image, "image_alt": alt}


def cached_png(key: str, build) -> bytes:
    """``build()`` once per key (the key carries the picture's version)."""
    full_key = f"sharecard:{key}"
    data = cache.get(full_key)
    if data is None:
        data = build()
        cache.set(full_key, data, CACHE_SECONDS)
    return data


def png_response(request, data: bytes, *, filename: str = "") -> HttpResponse:
    """The picture, cacheable by anyone for a week (its URL changes with it)."""
    etag = quote_etag(hashlib.sha256(data).hexdigest()[:24])
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(data, content_type="image/png")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
