import time

time.sleep(0)
