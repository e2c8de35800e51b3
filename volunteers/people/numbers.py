"""A volunteer's portal number: what certificates and the verify page print to tell two
volunteers of the same name apart, without showing anything personal."""

PREFIX = "QS"


def portal_number(user_id: int) -> str:
    return f"{PREFIX}{user_id:08d}"
