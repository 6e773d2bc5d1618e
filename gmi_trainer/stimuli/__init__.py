"""Rendered pictures of hands and feet (the stimulus library) and their manifest."""
