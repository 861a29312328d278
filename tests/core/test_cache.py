"""NETRA_CACHE_URL: rate limits shared through Redis by every process, or per process when unset."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from netra.core.env import cache_config

CACHE_URL = os.environ.get("NETRA_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]


def test_unset_keeps_the_cache_in_each_process():
    assert cache_config("")["default"]["BACKEND"].endswith("LocMemCache")


@pytest.mark.parametrize("url", ["redis://cache:6379/1", "rediss://u:p@cache:6380/0", "unix:///run/r.sock"])
def test_a_redis_url_gives_the_shared_redis_cache(url):
    config = cache_config(url)["default"]
    assert (config["BACKEND"], config["LOCATION"]) == ("django.core.cache.backends.redis.RedisCache", url)


def test_another_scheme_is_refused_clearly():
    with pytest.raises(ValueError, match="NETRA_CACHE_URL must be a redis"):
        cache_config("memcached://cache:11211")


def _redis_reachable() -> bool:
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        return bool(Redis.from_url(CACHE_URL, socket_connect_timeout=1).ping())
    except RedisError:
        return False


def test_two_processes_count_against_one_limit(tmp_path):
    """What one process counts (a throttle's history), another process started with the same
    NETRA_CACHE_URL sees."""
    if not _redis_reachable():
        message = f"Redis not reachable at {CACHE_URL} (set NETRA_TEST_BROKER_URL)"
        if os.environ.get("NETRA_REQUIRE_BROKER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    key = f"test-{uuid.uuid4().hex}"
    script = (
        "import django, sys; django.setup(); from django.core.cache import cache; "
        "print(cache.incr(sys.argv[1]) if cache.get(sys.argv[1]) is not None "
        "else (cache.set(sys.argv[1], 1, 60) or 1))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "netra.settings",
        "NETRA_CACHE_URL": CACHE_URL,
        "NETRA_DATA_DIR": str(tmp_path),
    }
    counts = [
        subprocess.run(
            [sys.executable, "-c", script, key],
            env=environment,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()
        for _ in range(2)
    ]
    assert counts == ["1", "2"]
