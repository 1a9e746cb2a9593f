# The dashboard in one container: the database is built from data/ when the image is built, and the
# data folder (reports, CSV files, audit trail, database) lives on a volume, so it outlives the container.
#   docker build -t poverty-dashboard .
#   docker run -p 8501:8501 -v poverty-data:/app/data poverty-dashboard
# Sign-in for editors: mount a secrets file, -v "$PWD/.streamlit/secrets.toml:/app/.streamlit/secrets.toml:ro"
FROM python:3.11-slim

# The report readers: Tesseract with its Vietnamese data reads scans, LibreOffice Writer converts old .doc files.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-vie libreoffice-writer-nogui \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN python -m pip install --no-cache-dir -r requirements.txt

COPY .streamlit/config.toml .streamlit/config.toml
COPY dashboard.py ./
COPY app app
COPY pages pages
COPY etl etl
COPY data data
RUN python -m etl build

VOLUME ["/app/data"]
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"
CMD ["python", "-m", "streamlit", "run", "dashboard.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true"]
