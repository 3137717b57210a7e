from vendored import helper

thing = 1
