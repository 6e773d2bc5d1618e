"""Progress charts drawn with matplotlib (Agg, no window), for the progress screen and the
therapist report. matplotlib is imported only when a chart is drawn, never at start-up."""
