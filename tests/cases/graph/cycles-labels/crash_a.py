"""Imported first, crash_a fails: crash_b reads X before crash_a binds it."""
import crash_b

X = 1
