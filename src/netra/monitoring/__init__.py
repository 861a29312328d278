"""Monitoring: news feeds, social-media exports and partner pushes flow through a pipeline into a
triage queue, from which an officer turns a flagged item into a temuan."""
