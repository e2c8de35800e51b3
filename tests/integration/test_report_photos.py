import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from tests.factories import TeamFactory, VolunteerFactory
from volunteers.participation.services.photos import RENDITIONS
from volunteers.participation.services.reports import report_save

from .conftest import wait_for

pytestmark = pytest.mark.integration


def test_the_worker_makes_the_renditions_of_a_new_report_photo(celery_worker_process):
    leader = VolunteerFactory().user
    team = TeamFactory(leader=leader)
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 600), "#0b5f78").save(buffer, "JPEG")
    report = report_save(
        team=team,
        by=leader,
        data={
            "title": "库湾清漂",
            "date": timezone.localdate() - datetime.timedelta(days=1),
            "kind": "cleanup",
            "township": team.township,
            "summary": "清理漂浮物。",
            "participants": 4,
            "litter_kg": "40",
        },
        new_photos=[SimpleUploadedFile("a.jpg", buffer.getvalue(), content_type="image/jpeg")],
    )
    image = report.photos.get().image

    # The page's renditions are made by the worker after the report is saved, not by the request.
    done = wait_for(
        lambda: image.renditions.count() == len(RENDITIONS),
        timeout=60,
        what="the worker to make the photo's renditions",
    )
    assert done
    assert {r.width for r in image.renditions.all()} == {480, 900}
