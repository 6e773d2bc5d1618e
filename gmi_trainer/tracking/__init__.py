"""Body and hand tracking behind a small interface (MediaPipe is one backend)."""
