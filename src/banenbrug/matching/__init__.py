"""Job seekers, employers, vacancies and skills-based matching, with Open Hiring."""
