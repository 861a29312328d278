"""Background work for page captures: an interface only, it calls one service (style rule 6).

``capture_run`` is enqueued (on commit) by ``services.capture.capture_request`` when an officer presses
"Tangkap halaman"; it is idempotent (a capture no longer pending is left alone).
"""

from django_tasks import task


@task()
def capture_run(capture_id: int) -> dict:
    from netra.monitoring.services.capture import capture_job_run

    return capture_job_run(capture_id)
