import app.allowed
