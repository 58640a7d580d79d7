"""Registry of initiatives, schemes, regional tables and pledges."""
