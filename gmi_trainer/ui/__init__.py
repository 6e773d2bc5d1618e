"""The pygame edge: drawing view models, and turning keys, clicks and pedals into inputs."""
