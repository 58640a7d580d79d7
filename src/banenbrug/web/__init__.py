"""The web app shell: layout, home page, health check, language switch, static assets."""
