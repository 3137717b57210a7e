from os import path
import sys
