"""The public dashboards: approved data only, readable without logging in."""
