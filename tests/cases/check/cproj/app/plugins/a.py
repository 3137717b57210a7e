from app.plugins import b
