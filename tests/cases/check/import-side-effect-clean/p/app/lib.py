import logging

log = logging.getLogger(__name__)

def load():
    print('in a function')
    return open('x')

if __name__ == '__main__':
    print(load())
