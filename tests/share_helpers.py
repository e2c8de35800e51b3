"""Reading what a shared link shows: its Open Graph tags and the card behind og:image."""

import re
from io import BytesIO

from PIL import Image


def og(html: str, name: str) -> str:
    return re.search(rf'<meta property="og:{name}" content="([^"]*)"', html)[1]


def png(response) -> Image.Image:
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    return Image.open(BytesIO(response.content))


def local(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]
