import sys
sys.path.append('/opt')  # modscope: ignore[sys-path-mutation]
