from __future__ import annotations

import os
import os.path as osp
import sys
from collections import ABC, OrderedDict, defaultdict

import app.helpers
from app import helpers

from . import helpers as h

x = 1
import abc
import json
