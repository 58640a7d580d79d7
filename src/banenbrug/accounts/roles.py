"""The roles later pillars build on, as Django groups with permissions.

A role is a group; what a role may do is a permission on the `RolePermissions` model, so checks
stay in Django's permission system (`user.has_perm`) and the admin can see them.
"""

from django.utils.translation import gettext_lazy as _

JOB_SEEKER = "job_seeker"
COACH = "coach"
EMPLOYER = "employer"
ANALYST = "analyst"
ADMINISTRATOR = "administrator"

ROLE_LABELS = {
    JOB_SEEKER: _("Werkzoekende"),
    COACH: _("Coach"),
    EMPLOYER: _("Werkgever"),
    ANALYST: _("Analist"),
    ADMINISTRATOR: _("Beheerder"),
}

# codename -> description; attached to accounts.RolePermissions
PERMISSIONS = {
    "manage_own_profile": "Can manage their own job seeker profile",
    "view_caseload": "Can view the job seekers in their own caseload",
    "manage_vacancies": "Can manage the vacancies of their own organisation",
    "view_aggregates": "Can view aggregate statistics (never individual profiles)",
    "manage_taxonomy": "Can run ESCO imports and see import history",
    "invite_job_seekers": "Can invite a job seeker to register (coaches)",
    "approve_employers": "Can grant or refuse requested employer accounts",
    "import_outcomes": "Can upload outcome files that create or replace evaluations (analysts)",
}

ROLE_PERMISSIONS = {
    JOB_SEEKER: ["manage_own_profile"],
    COACH: ["view_caseload", "view_aggregates", "invite_job_seekers"],
    EMPLOYER: ["manage_vacancies"],
    ANALYST: ["view_aggregates", "import_outcomes"],
    ADMINISTRATOR: list(PERMISSIONS),
}


def roles_of(user) -> list[str]:
    if not user.is_authenticated:
        return []
    return sorted(user.groups.filter(name__in=ROLE_LABELS).values_list("name", flat=True))
