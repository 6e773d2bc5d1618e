"""Patient settings: affected limb and side, response keys, picture skin tone, plan."""
