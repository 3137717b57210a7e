import sys
import os  # modscope: ignore[import-order]
