"""Orientation for young people, parents and teachers (Ontdek)."""
