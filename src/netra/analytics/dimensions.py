"""The figures a statistic can be grouped by: one list for the selectors, the form and the CLI.

Plain constants with no Django import, so the command line can offer them before Django is set up."""

DIMENSIONS = (
    "region",
    "type",
    "indicator",
    "subject",
    "agency",
    "stage",
    "source",
    "election",
    "month",
    "sanction",
)
