from . import sub

if __name__ == "__main__":
    pass
