from django.db import models


class KeptCountsModel(models.Model):
    """A model with counts that only ``volunteers.counts`` writes.

    An ordinary ``save()`` of a row loaded a moment ago (an edit form, a fixture)
    would write back the counts it read then and undo sign-ups made meanwhile, so
    saves of existing rows leave the ``KEPT_COUNTS`` columns alone unless they
    are named in ``update_fields``.
    """

    KEPT_COUNTS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if (
            not (self._state.adding or kwargs.get("force_insert"))
            and kwargs.get("update_fields") is None
        ):
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in self.KEPT_COUNTS
            ]
        super().save(*args, **kwargs)
