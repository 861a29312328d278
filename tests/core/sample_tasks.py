"""Tiny tasks for the background-work tests (netra.cases has no tasks yet).

They run inside a real worker; the worker's process id in the return value proves where they ran.
"""

import os

from django_tasks import task


class SampleTaskError(Exception):
    """Raised on purpose, so a test can see the failure recorded with its class."""


@task()
def square(number: int) -> dict:
    return {"square": number * number, "pid": os.getpid()}


@task()
def fail(reason: str) -> None:
    raise SampleTaskError(reason)
