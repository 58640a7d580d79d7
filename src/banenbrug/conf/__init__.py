"""Settings, split by environment; everything configurable comes from environment variables."""
