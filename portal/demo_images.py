"""Cover images for the demo content, drawn with Pillow (no photos are downloaded).

Each motif is a simple flat illustration of the topic; the alt text stored with
the image describes it.
"""

import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

WIDTH, HEIGHT = 1600, 1000

PALETTES = {
    "water": ("#0b5f78", "#3aa6c4", "#e8f6fb"),
    "contract": ("#114b7a", "#4a90c2", "#eaf3fb"),
    "solar": ("#f29e1b", "#ffd66b", "#fff8e5"),
    "geothermal": ("#9a3412", "#e0794a", "#fdece4"),
    "energy": ("#4c3a91", "#8a78d1", "#f1edfb"),
    "transport": ("#23613d", "#5fb17f", "#e9f5ee"),
    "food": ("#2e7d4f", "#9bd3a8", "#f3faf4"),
    "waste": ("#35653f", "#88b893", "#eef6ef"),
    "river": ("#0e7a86", "#7cc6cf", "#eaf7f8"),
}


def _gradient(top: str, bottom: str) -> PILImage.Image:
    img = PILImage.new("RGB", (WIDTH, HEIGHT), top)
    draw = ImageDraw.Draw(img)
    t, b = (
        PILImage.new("RGB", (1, 1), top).getpixel((0, 0)),
        PILImage.new("RGB", (1, 1), bottom).getpixel((0, 0)),
    )
    for y in range(HEIGHT):
        f = y / HEIGHT
        draw.line([(0, y), (WIDTH, y)], fill=tuple(int(t[i] + (b[i] - t[i]) * f) for i in range(3)))
    return img


def _waves(draw, colour, base_y, amplitude=28, count=3):
    for n in range(count):
        y0 = base_y + n * 70
        points = [(x, y0 + amplitude * math.sin(x / 130 + n)) for x in range(0, WIDTH + 20, 20)]
        draw.polygon(points + [(WIDTH, HEIGHT), (0, HEIGHT)], fill=colour)


def _motif(draw, topic, light, rng):
    if topic in ("water", "contract", "river"):
        for _ in range(7):
            x, y, r = rng.randint(150, 1450), rng.randint(120, 480), rng.randint(30, 70)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=light)
            draw.polygon(
                [(x - r * 0.86, y - r * 0.5), (x, y - r * 2.1), (x + r * 0.86, y - r * 0.5)],
                fill=light,
            )
    elif topic == "solar":
        draw.ellipse([1180, 90, 1420, 330], fill="#fff3c4")
        for row in range(3):
            for col in range(6):
                x, y = 240 + col * 190 + row * 40, 430 + row * 120
                draw.polygon(
                    [(x, y), (x + 170, y), (x + 200, y + 100), (x + 30, y + 100)],
                    fill="#1f3b57",
                    outline=light,
                    width=4,
                )
    elif topic == "geothermal":
        draw.rectangle([560, 260, 1040, 620], fill=light)
        for i in range(4):
            draw.rectangle([600 + i * 110, 300, 670 + i * 110, 380], fill="#9a3412")
        for i in range(5):
            draw.arc([300 + i * 160, 640, 460 + i * 160, 940], 0, 180, fill=light, width=10)
    elif topic == "energy":
        for i in range(5):
            h = 220 + i * 60
            draw.rectangle([200 + i * 250, 700 - h, 380 + i * 250, 700], fill=light)
        draw.polygon(
            [(820, 120), (700, 420), (800, 420), (740, 640), (930, 330), (830, 330), (900, 120)],
            fill="#ffd66b",
        )
    elif topic == "transport":
        draw.rounded_rectangle([420, 440, 1180, 640], radius=60, fill=light)
        draw.rounded_rectangle([560, 330, 1020, 470], radius=50, fill=light)
        for cx in (600, 1000):
            draw.ellipse([cx - 80, 580, cx + 80, 740], fill="#1b2a33")
        draw.rectangle([1260, 420, 1330, 700], fill=light)
        draw.line([(1295, 420), (1295, 330), (1180, 330)], fill=light, width=14)
    elif topic in ("food", "waste"):
        draw.ellipse([500, 200, 1100, 800], fill=light)
        draw.ellipse([600, 300, 1000, 700], outline="#2e7d4f", width=12)
        draw.line([(1180, 220), (1260, 780)], fill="#7a5200", width=18)
        draw.line([(1250, 220), (1330, 780)], fill="#7a5200", width=18)


def draw_cover(topic: str, seed: int) -> bytes:
    dark, mid, light = PALETTES.get(topic, PALETTES["river"])
    rng = random.Random(seed)
    img = _gradient(dark, mid)
    draw = ImageDraw.Draw(img)
    # Hills, then the topic, then water at the bottom: Shiyan is mountains and a reservoir.
    draw.polygon(
        [
            (0, 640),
            (300, 470),
            (620, 600),
            (980, 420),
            (1320, 580),
            (1600, 480),
            (1600, 1000),
            (0, 1000),
        ],
        fill=mid,
    )
    _waves(draw, light, 800, count=2)
    _motif(draw, topic, light, rng)
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def ensure_image(*, title: str, alt: str, topic: str, seed: int):
    """The demo image with this title, drawn and stored once."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        filename = f"demo-{topic}-{seed}.jpg"
        image = Image(title=title, description=alt)
        image.file = ImageFile(io.BytesIO(draw_cover(topic, seed)), name=filename)
        image.save()
    return image
