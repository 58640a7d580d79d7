from ninja import NinjaAPI

from banenbrug.api.taxonomy import router as taxonomy_router

api = NinjaAPI(
    title="Banenbrug API",
    version="1",
    description="ESCO occupations and skills (nl/en). "
    "This service uses the ESCO classification of the European Commission.",
    urls_namespace="api",
)
api.add_router("/", taxonomy_router)
