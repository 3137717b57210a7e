import b
if __name__ == '__main__':
    import missing_xyz
else:
    import c
