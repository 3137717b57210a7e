import app.noisy
