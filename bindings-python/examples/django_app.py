"""A Django receiver for bookto webhooks (served and driven by tests/test_django_app.py).

One file for the example; in a project the view goes in views.py and the
route in urls.py.
"""

import os

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

from bookto_verify import OrderPaid, Webhook
from bookto_verify.django import bookto_webhook

settings.configure(
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "example-only"),  # Django's key, not bookto's
    MIDDLEWARE=["django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware"],
)
django.setup()

webhook = Webhook(os.environ["BOOKTO_WEBHOOK_SECRET"])  # once, at start-up


@bookto_webhook(webhook)  # CSRF-exempt; refused requests get 400 {"error": "<code>", ...}
def receive(request, event):
    if isinstance(event, OrderPaid):
        # Fulfil the order: event.order_id, event.amount.total_incl (a Decimal), ...
        return JsonResponse({"received": event.event, "order_number": event.order_number,
                             "total_incl": str(event.amount.total_incl)})
    return JsonResponse({"received": event.event})  # other events: acknowledge them


urlpatterns = [path("webhooks/bookto", receive)]
application = get_wsgi_application()
