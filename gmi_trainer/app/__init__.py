"""Start-up and the main loop: the one place that picks real or headless adapters."""
