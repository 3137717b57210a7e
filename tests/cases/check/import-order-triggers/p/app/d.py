from collections import defaultdict, OrderedDict, ABC
