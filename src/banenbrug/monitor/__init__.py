"""Shortage monitor and stock-flow forecast."""
