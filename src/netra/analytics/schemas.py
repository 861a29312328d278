"""API shapes of the statistics (the same rows as ``netra stats --json``)."""

from ninja import Schema


class StatRowOut(Schema):
    key: str
    label: str
    cases: int
    proven: int
    recommended: int
    sanctioned: int
