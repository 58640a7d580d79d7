"""The ESCO taxonomy: occupations, skills, groups and collections, in Dutch and English."""
