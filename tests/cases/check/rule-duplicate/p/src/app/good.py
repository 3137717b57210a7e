import app.core
