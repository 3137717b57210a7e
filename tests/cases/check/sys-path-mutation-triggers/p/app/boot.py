import sys
import site
from sys import path

sys.path.insert(0, '/opt')
sys.path += ['/x']
sys.path[0:0] = ['/y']
path.append('/z')
site.addsitedir('/w')

def later():
    del sys.path[0]
    sys.path = []
