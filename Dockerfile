# The orgkg image: the `orgkg` command and its API. docker-compose.yml builds it and points it at Neo4j
# through NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE; without NEO4J_URI it uses the
# embedded store in /data.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ORGKG_DB=/data/orgkg.db

WORKDIR /app
# Every folder pyproject.toml's [tool.setuptools.package-dir] names (tests/test_compose.py checks).
COPY pyproject.toml README.md ./
COPY orgkg/ orgkg/
COPY graph/ graph/
COPY schema/ schema/
COPY loaders/ loaders/
COPY api/ api/
COPY bench/ bench/
RUN pip install . \
    && useradd --create-home --uid 10001 orgkg \
    && mkdir -p /data && chown orgkg /data
# The project's own example articles (written for it), so `orgkg load examples/` works in the container.
COPY examples/ examples/

USER orgkg
VOLUME ["/data"]
EXPOSE 8000
CMD ["orgkg", "serve", "--host", "0.0.0.0", "--port", "8000"]
