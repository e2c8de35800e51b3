"""Demo content for the volunteer domain: for now the Shiyan gazetteer."""

from .gazetteer import gazetteer_load


def load(*, out):
    result = gazetteer_load()
    if result.created:
        out.info(f"Loaded {result.created} counties and townships.")
