import tool

VALUE = tool.X
