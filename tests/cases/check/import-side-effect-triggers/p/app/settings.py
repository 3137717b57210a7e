import subprocess as sp
import json
from pathlib import Path

CONF = json.load(open('conf.json'))
sp.run(['true'])
print('loaded')

class C:
    DATA = Path('x').read_text()
