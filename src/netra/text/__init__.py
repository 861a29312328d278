"""Reading Indonesian text: news facts (regions, counts, dates, legal references) and post scoring.

Pure Python: nothing here imports Django.
"""
