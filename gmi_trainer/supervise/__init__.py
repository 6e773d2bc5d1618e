"""The therapist's panel for a supervised session: a second window beside the patient's."""
