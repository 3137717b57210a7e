import nosuch2  # modscope: ignore[unresolved-import]
import os  # modscope: ignore[import-cycle]
import json
