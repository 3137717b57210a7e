import app.logic
