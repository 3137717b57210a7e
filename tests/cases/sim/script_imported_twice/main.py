X = 1
import helper
