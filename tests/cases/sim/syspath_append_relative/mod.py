import only
