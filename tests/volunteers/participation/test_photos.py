"""Report photos: only real images within limits, stored without their metadata."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from PIL import Image as PILImage

from portal.errors import ServiceError
from volunteers.participation.services.photos import photo_clean, photo_renditions_make, photo_store


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def upload(data: bytes, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def jpeg_with_gps(size=(120, 80), orientation=None) -> bytes:
    image = PILImage.new("RGB", size, "#2e7d4f")
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (32.0, 42.0, 0.0), 3: "E", 4: (111.0, 0.0, 0.0)}  # GPS
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_exif_and_gps_are_removed():
    original = jpeg_with_gps()
    assert PILImage.open(io.BytesIO(original)).getexif().get_ifd(0x8825)

    data, width, height = photo_clean(upload(original))

    cleaned = PILImage.open(io.BytesIO(data))
    assert cleaned.format == "JPEG"
    assert (width, height) == (120, 80)
    assert dict(cleaned.getexif()) == {}
    assert "exif" not in cleaned.info


def test_a_photo_taken_sideways_is_stored_upright():
    # Orientation 6: the camera was turned; the pixels must be rotated, then the tag dropped.
    data, width, height = photo_clean(upload(jpeg_with_gps((120, 80), orientation=6)))
    assert (width, height) == (80, 120)


def test_a_transparent_png_gets_a_white_background():
    image = PILImage.new("RGBA", (10, 10), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    data, *_ = photo_clean(upload(buffer.getvalue(), "clear.png"))
    assert PILImage.open(io.BytesIO(data)).getpixel((5, 5)) == (255, 255, 255)


def test_large_photos_are_scaled_down():
    buffer = io.BytesIO()
    PILImage.new("RGB", (5000, 1000), "white").save(buffer, "JPEG")
    _data, width, height = photo_clean(upload(buffer.getvalue()))
    assert (width, height) == (2400, 480)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.4 not a photo", "report.pdf"),
        (b"", "empty.jpg"),
        (b"GIF89a" + b"\x00" * 20, "anim.gif"),
        (jpeg_with_gps()[:200], "truncated.jpg"),
    ],
)
def test_files_that_are_not_readable_photos_are_refused(data, name):
    with pytest.raises(ServiceError, match="not a photo we can read"):
        photo_clean(upload(data, name))


@pytest.mark.parametrize("side", [8000, 20000])
def test_a_decompression_bomb_is_refused_before_it_is_decoded(side):
    # 64 megapixels passes Pillow's own guard but not the site's; 400 trips both.
    buffer = io.BytesIO()
    PILImage.new("1", (side, side)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000  # tiny on disk, huge when decoded
    with pytest.raises(ServiceError, match="too many pixels"):
        photo_clean(upload(buffer.getvalue(), "bomb.png"))


@override_settings(REPORT_PHOTO_MAX_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(ServiceError, match="larger than"):
        photo_clean(upload(b"\xff" * 2048))


@pytest.mark.django_db
def test_stored_photos_have_random_names_and_their_renditions(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data, *_ = photo_clean(upload(jpeg_with_gps()))
    image = photo_store(data, title="清漂")

    assert image.collection.name == "活动报告照片"
    assert image.file.name.startswith("original_images/report-")
    assert photo_renditions_make([image.pk]) == 1
    assert image.renditions.count() == 2
