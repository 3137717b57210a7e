import app.lib
print('a script nobody imports')
