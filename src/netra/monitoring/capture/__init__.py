"""Fetching web pages and feeds for monitoring without Django models: the guarded HTTP client
(``fetch``), the WARC writer (``warc``), the headless-Chromium renderer (``render``) and the feed
reader (``feedrows``). The services in ``netra.monitoring.services`` store and audit what these return.
"""
