"""A cycle through a parent package: `import par_b.inner` runs par_b first."""
import par_b.inner
