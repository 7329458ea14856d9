"""The JSON API: one NinjaAPI, each app mounts its router here."""

from ninja import NinjaAPI

api = NinjaAPI(title="Halqa API", version="1", urls_namespace="api")
