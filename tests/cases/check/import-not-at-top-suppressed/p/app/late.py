x = 1
import os  # modscope: ignore[import-not-at-top]
