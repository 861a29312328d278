"""The law as code (pure Python, no Django): violation catalogue, sanctions, referral and deadlines.

``from netra.law import catalogue, referral, deadlines``. Rules live in ``data/*.toml``, one file per
legal instrument, each rule with its citation; see docs/law.md.
"""
