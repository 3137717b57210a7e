import zzz_not_installed

import app
