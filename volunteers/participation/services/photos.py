"""Report photos: checked, cleaned of metadata and stored as Wagtail images.

An upload is accepted only if Pillow recognises it as a JPEG, PNG or WebP
image within the size and pixel limits. The pixel count is read from the
header before anything is decoded, so a decompression bomb is refused
cheaply. The stored copy is re-encoded from the pixels alone, so EXIF data —
the camera, the time and the GPS position of the phone — never reaches the
site. Renditions are made afterwards by a Celery task.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.files.images import ImageFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Collection

from portal.errors import ServiceError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO"}  # MPO: the JPEG variant some phones write
LONGEST_SIDE = 2400
COLLECTION_NAME = "活动报告照片"
# The renditions pages show; the task makes them ahead of the first visitor.
RENDITIONS = ("fill-480x360|format-webp", "max-1600x1600|format-jpeg")


def _read(upload, *, name: str) -> PILImage.Image:
    size = getattr(upload, "size", None)
    if size is not None and size > settings.REPORT_PHOTO_MAX_BYTES:
        raise ServiceError(
            _("“%(name)s” is larger than %(size)s; choose a smaller photo.")
            % {"name": name, "size": filesizeformat(settings.REPORT_PHOTO_MAX_BYTES)}
        )
    data = upload.read(settings.REPORT_PHOTO_MAX_BYTES + 1)
    if len(data) > settings.REPORT_PHOTO_MAX_BYTES:
        raise ServiceError(
            _("“%(name)s” is larger than %(size)s; choose a smaller photo.")
            % {"name": name, "size": filesizeformat(settings.REPORT_PHOTO_MAX_BYTES)}
        )
    not_image = ServiceError(
        _("“%(name)s” is not a photo we can read. Upload JPEG, PNG or WebP images.")
        % {"name": name}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS:
                raise not_image
            width, height = image.size
            if width * height > settings.REPORT_PHOTO_MAX_PIXELS:
                raise ServiceError(
                    _("“%(name)s” has too many pixels (%(w)d × %(h)d); use a smaller photo.")
                    % {"name": name, "w": width, "h": height}
                )
            image.load()
    except ServiceError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ServiceError(
            _("“%(name)s” has too many pixels; use a smaller photo.") % {"name": name}
        ) from None
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
    ):
        raise not_image from None
    return image


def photo_clean(upload, *, name: str = "") -> tuple[bytes, int, int]:
    """JPEG bytes of the upload without metadata, upright and at most LONGEST_SIDE wide."""
    name = name or getattr(upload, "name", "") or _("photo")
    image = _read(upload, name=name)
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        background = PILImage.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    out = io.BytesIO()
    # A fresh save from the pixels: no exif=, no icc_profile=, so nothing else is copied.
    image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue(), image.width, image.height


def photo_collection() -> Collection:
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    if existing is not None:
        return existing
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return root.add_child(name=COLLECTION_NAME)


def photo_store(data: bytes, *, title: str, uploaded_by=None):
    """Save cleaned JPEG bytes as a Wagtail image in the report photos collection."""
    Image = get_image_model()
    # A random file name: nothing about the volunteer or the upload is in the URL.
    file = ImageFile(io.BytesIO(data), name=f"report-{uuid.uuid4().hex}.jpg")
    return Image.objects.create(
        title=title[:255],
        file=file,
        collection=photo_collection(),
        uploaded_by_user=uploaded_by,
    )


def photo_renditions_make(image_ids) -> int:
    """Make the renditions report pages use; returns how many images were processed."""
    Image = get_image_model()
    done = 0
    for image in Image.objects.filter(pk__in=list(image_ids)):
        image.get_renditions(*RENDITIONS)
        done += 1
    return done
