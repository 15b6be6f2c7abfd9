"""Settings for the test suite: the real settings with fast hashing and isolated services."""

import os
import tempfile

from renda.settings import *  # noqa: F403
from renda.settings import REDIS_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
RENDA_SMS_BACKEND = "renda.core.sms.MemorySmsBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="renda-test-media-")

# Each pytest-xdist worker gets a Redis database of its own, so clearing the cache is safe.
if REDIS_URL:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = 1 + int(worker.removeprefix("gw") or 0) % 15
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"{REDIS_URL.rsplit('/', 1)[0]}/{index}",
        }
    }

# SQLite tests run in memory, one database per pytest-xdist worker process.
if DATABASES["default"]["ENGINE"] == "renda.core.db.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
