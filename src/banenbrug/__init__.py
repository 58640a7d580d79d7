"""Banenbrug: a bridge to green and digital jobs, built on ESCO."""
