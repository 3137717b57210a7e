import app.boot
