"""How a place is named in the admin."""


def place_label(township) -> str:
    if township is None:
        return ""
    return f"{township.county} · {township}"
