"""The virtual mirror box: reflecting the intact side about the body's midline."""
