"""How much to build, and the checks that stop a run before it writes anything."""

from dataclasses import dataclass, fields

SCALE_PREFIX = "scale-"

# The seed scale: the city's volunteers, teams and three years of activity.
FULL_SCALE = {"volunteers": 330_000, "teams": 2_000, "events": 50_000, "records": 3_000_000}


class ScaleError(Exception):
    """A run that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class ScaleSizes:
    volunteers: int
    teams: int
    events: int
    records: int

    @classmethod
    def from_options(cls, *, scale: float = 1.0, **overrides: int | None) -> "ScaleSizes":
        """The full scale times ``scale``, with any size given on its own taking precedence."""
        if not 0 < scale <= 10:
            raise ScaleError("--scale must be a fraction above 0 (e.g. 0.1) and at most 10.")
        values = {}
        for field in fields(cls):
            given = overrides.get(field.name)
            if given is not None and given < 0:
                raise ScaleError(f"--{field.name} cannot be negative.")
            values[field.name] = round(FULL_SCALE[field.name] * scale) if given is None else given
        sizes = cls(**values)
        sizes.check()
        return sizes

    def check(self) -> None:
        if self.teams < 1:
            raise ScaleError("At least one team is needed (--teams).")
        if self.volunteers < self.teams:
            raise ScaleError(
                f"Every team needs a leader from among the volunteers: ask for at least "
                f"{self.teams} volunteers (--volunteers) or fewer teams."
            )
        if self.records and not self.events:
            raise ScaleError("Service records belong to events: ask for some --events too.")

    def as_dict(self) -> dict[str, int]:
        return {field.name: getattr(self, field.name) for field in fields(self)}
