"""Exercise plans: TOML files a therapist writes (model.py the typed plan, validation.py
what every key accepts, loader.py reading a file, edit.py changing numbers in place)."""
