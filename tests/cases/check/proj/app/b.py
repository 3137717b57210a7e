import app.a
