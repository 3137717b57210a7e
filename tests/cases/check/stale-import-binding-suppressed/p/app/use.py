from app.state import n  # modscope: ignore[stale-import-binding]
