"""Career transitions: the pure engine and its loaders."""
