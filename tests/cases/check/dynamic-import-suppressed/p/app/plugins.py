import importlib


def get(name):
    return importlib.import_module(name)  # modscope: ignore[dynamic-import]
