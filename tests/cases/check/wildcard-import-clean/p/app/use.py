from app.money import CENT
import app.money
