"""Body and hand tracking behind a small interface (MediaPipe is one backend).

Importing this package does not import MediaPipe; `mediapipe_backend` does, lazily, when
a tracker is constructed.
"""

from gmi_trainer.tracking.landmarks import HAND, HAND_KEYPOINTS, POSE, POSE_KEYPOINTS, Landmarks
from gmi_trainer.tracking.midline import MidlineFilter, body_midline_x_px
from gmi_trainer.tracking.one_euro import LandmarkSmoother, OneEuroFilter
from gmi_trainer.tracking.tracker import Tracker, TrackerError
from gmi_trainer.tracking.worker import TrackingResult, TrackingWorker

__all__ = [
    "HAND", "HAND_KEYPOINTS", "POSE", "POSE_KEYPOINTS", "Landmarks", "LandmarkSmoother",
    "MidlineFilter", "OneEuroFilter", "Tracker", "TrackerError", "TrackingResult",
    "TrackingWorker", "body_midline_x_px",
]  # fmt: skip
