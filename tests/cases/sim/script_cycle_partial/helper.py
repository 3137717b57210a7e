import main
from main import X
