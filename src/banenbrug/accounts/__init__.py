"""Accounts and roles: job seeker, coach, employer, analyst, administrator."""
