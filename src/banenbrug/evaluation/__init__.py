"""Causal evaluation of initiatives: which ones work."""
