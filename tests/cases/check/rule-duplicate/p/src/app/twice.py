import src.app.core
from src.app import core  # modscope: ignore[duplicate-module]
