"""Vacancies, skills-based matching and Open Hiring queues (the people are in banenbrug.people)."""
