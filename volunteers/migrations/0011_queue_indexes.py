"""Indexes in the order of the admin review queues, so they page by keyset at any depth.

The service records' (status, date) index gives way to (status, date DESC, id):
the same leading columns, so every query it served is still served. The lists of
all statuses read (date, id) alone.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0010_kept_counts"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="servicerecord",
            name="volunteers__status_84426f_idx",
        ),
        migrations.AddIndex(
            model_name="servicerecord",
            index=models.Index(fields=["status", "-date", "id"], name="servicerecord_queue"),
        ),
        migrations.AddIndex(
            model_name="servicerecord",
            index=models.Index(fields=["-date", "id"], name="servicerecord_by_date"),
        ),
        migrations.AddIndex(
            model_name="activityreport",
            index=models.Index(fields=["status", "date", "id"], name="activityreport_queue"),
        ),
        migrations.AddIndex(
            model_name="activityreport",
            index=models.Index(fields=["date", "id"], name="activityreport_by_date"),
        ),
    ]
