# The portal's image: the same code runs as web (gunicorn), worker and beat (Celery).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
RUN pybabel compile --domain django --directory locale \
    && DJANGO_SECRET_KEY=image-build python manage.py collectstatic --noinput \
    && useradd --create-home --uid 1000 portal \
    && mkdir -p /app/media && chown portal /app/media

USER portal
EXPOSE 8000
CMD ["gunicorn", "consortium.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
