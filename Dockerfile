# The image docker-compose.yml builds: paperasse with Tesseract (French) and its models.
# Python packages are installed with requirements.lock as constraints: the versions the
# tests passed with (the shipped models are refused by any other scikit-learn).
FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-fra tesseract-ocr-osd \
      poppler-utils fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
COPY src ./src
RUN pip install --no-cache-dir -c requirements.lock .
RUN useradd --system --home /var/lib/paperasse paperasse \
 && mkdir -p /var/lib/paperasse /srv/inbox && chown paperasse /var/lib/paperasse /srv/inbox
USER paperasse
ENV OMP_THREAD_LIMIT=1
EXPOSE 8000
