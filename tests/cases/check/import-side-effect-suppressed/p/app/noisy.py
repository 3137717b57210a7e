print('hello')  # modscope: ignore[import-side-effect]
