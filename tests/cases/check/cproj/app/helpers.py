import app.ui
