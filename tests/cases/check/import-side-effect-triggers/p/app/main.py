from app import settings

if __name__ == '__main__':
    print(settings.CONF)
