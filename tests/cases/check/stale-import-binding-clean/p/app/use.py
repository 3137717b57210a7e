from app.state import mode
import app.state
