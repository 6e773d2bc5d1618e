"""The pure core: session flow and phase rules. No pygame, cv2 or mediapipe here; time and
semantic inputs come in as arguments, view models and record rows go out."""
