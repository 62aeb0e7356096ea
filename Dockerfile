# Samenspel as a container image: the locked dependencies, the app, a non-root user, the app's own health check.
# docs/deploy.md explains it. The test suite does not build or run this image (CI has no Docker engine);
# tests/integration/test_containers.py checks what it can without one.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin samenspel \
    && mkdir -p /data \
    && chown samenspel:samenspel /data

WORKDIR /app

# The hashed lock files, as `make run` installs them; the image always includes the scale-out packages.
# Every pinned package ships a manylinux wheel, so the slim image needs no compiler.
COPY requirements.txt requirements-scale.txt ./
RUN pip install --require-hashes --no-deps -r requirements.txt -r requirements-scale.txt

COPY app.py ./
COPY workshop ./workshop
COPY templates ./templates
COPY static ./static
COPY formats ./formats
COPY translations ./translations
COPY scripts/healthcheck.py ./scripts/healthcheck.py
RUN pybabel --quiet compile --use-fuzzy -d translations -D messages

USER samenspel
ENV HOST=0.0.0.0 \
    PORT=5000 \
    INSTANCE_PATH=/data \
    LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 5000

HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["python", "scripts/healthcheck.py"]
# The same start command as `make run` and the test suite's real-server tests (tests/support/server.py).
CMD ["python", "app.py"]
