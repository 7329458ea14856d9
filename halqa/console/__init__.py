"""Console: the operators' console (site settings, staff, health, content-free metrics)."""
