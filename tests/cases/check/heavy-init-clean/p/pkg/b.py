def stop(): pass
