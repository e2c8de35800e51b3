from .places import County, Township

__all__ = ["County", "Township"]
