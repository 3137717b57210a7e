import m

VALUE = m.Second
