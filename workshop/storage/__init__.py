"""Storage: tables mapped onto the domain's dataclasses, sessions and migrations."""
