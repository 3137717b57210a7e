import app.ui  # modscope: ignore[contract-layers]
