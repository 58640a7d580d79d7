from banenbrug.api.docs import LocalSwagger
from banenbrug.api.problems import ProblemAPI
from banenbrug.api.taxonomy import router as taxonomy_router
from banenbrug.employers.api import router as employers_router
from banenbrug.employers.selfscan_api import router as selfscan_router
from banenbrug.evaluation.api import router as evaluation_router
from banenbrug.matching.api import router as matching_router
from banenbrug.monitor.api import router as monitor_router
from banenbrug.orientation.api import router as orientation_router
from banenbrug.plans.api import router as plans_router
from banenbrug.registry.api import router as registry_router
from banenbrug.transitions.api import router as transitions_router

api = ProblemAPI(
    title="Banenbrug API",
    version="1",
    description="ESCO occupations and skills (nl/en), career transitions, matching, switch "
    "plans, registry, evaluation, monitor and orientation. This service uses the ESCO "
    "classification of the European Commission.",
    urls_namespace="api",
    docs=LocalSwagger(),
)
api.add_router("/", taxonomy_router)
api.add_router("/transitions", transitions_router)
api.add_router("/matching", matching_router)
api.add_router("/plans", plans_router)
api.add_router("/registry", registry_router)
api.add_router("/evaluation", evaluation_router)
api.add_router("/monitor", monitor_router)
api.add_router("/orientation", orientation_router)
api.add_router("/employers", employers_router)
api.add_router("/employers/selfscan", selfscan_router)
