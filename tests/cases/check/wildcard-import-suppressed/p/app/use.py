from app.money import *  # modscope: ignore[wildcard-import]
