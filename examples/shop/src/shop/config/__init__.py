"""Configuration: fixed defaults and settings loaded at start-up."""
