"""Package of the edge-kind fixture: `import kinds.main` runs this first."""
