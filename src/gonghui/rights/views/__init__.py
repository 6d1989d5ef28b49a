"""Pages of the rights app, split by work line."""
