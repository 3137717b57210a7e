import secrets  # modscope: ignore[shadowed-stdlib]
