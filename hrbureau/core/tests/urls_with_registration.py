"""The site's addresses with a self-registration page added to accounts, as an app providing one would."""

from django.http import HttpResponse
from django.urls import include, path

from hrbureau.accounts import urls as accounts_urls
from hrbureau.urls import urlpatterns as site

register = path("register/", lambda request: HttpResponse("register"), name="register")
accounts = include(([*accounts_urls.urlpatterns, register], "accounts"))

urlpatterns = [path("accounts/", accounts) if str(p.pattern) == "accounts/" else p for p in site]
