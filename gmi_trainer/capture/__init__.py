"""The patient's own pictures: a guided capture of the intact hand from the webcam, cut out
of the background, set on the picture card and mirrored into its twin, kept owner-only in
the patient's folder and used by the left/right and imagery phases when a plan asks."""
