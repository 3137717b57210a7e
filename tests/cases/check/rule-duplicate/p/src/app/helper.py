import app.main
