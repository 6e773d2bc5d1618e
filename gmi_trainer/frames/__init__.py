"""Frame sources: webcam, video file and synthetic frames behind one interface."""
