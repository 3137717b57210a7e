import f  # modscope: ignore[import-cycle]
