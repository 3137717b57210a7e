from open_a import Z
