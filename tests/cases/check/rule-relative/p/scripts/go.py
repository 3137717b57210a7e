from .helpers import h
from . import other  # modscope: ignore[relative-import-in-script]
