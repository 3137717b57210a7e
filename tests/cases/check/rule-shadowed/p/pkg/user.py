import logging
import sys
