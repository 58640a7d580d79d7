"""The line every page and document with ESCO data carries (ESCO's licence asks for it)."""

ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
