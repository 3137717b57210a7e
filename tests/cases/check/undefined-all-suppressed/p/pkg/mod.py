__all__ = ['gone']  # modscope: ignore[undefined-all]
