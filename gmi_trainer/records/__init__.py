"""Session records: written as the session goes, read back for home, progress and export."""
