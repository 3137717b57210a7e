from . import a, b, c  # modscope: ignore[heavy-init]
