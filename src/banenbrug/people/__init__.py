"""The person (job seeker) with their consent, circumstances, skills and work experience, the
employers (organisations) they deal with, and who may see which of them."""
