# The portal's image: the same code runs as web (gunicorn), worker and beat (Celery), and as the one-off
# migration step (`python manage.py migrate`). Nothing is written inside the image at run time: files live in
# the database, and /tmp (gunicorn's heartbeat and metrics files) can be a tmpfs or an emptyDir.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
RUN pybabel compile --domain django --directory locale \
    && DJANGO_SECRET_KEY=image-build python manage.py collectstatic --noinput \
    && useradd --create-home --uid 1000 portal

USER 1000
EXPOSE 8000
# Exec form: gunicorn is PID 1 and receives SIGTERM itself, so it stops gracefully (deploy/gunicorn.conf.py).
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "consortium.wsgi"]
