"""A tangled component: five modules, several cycles."""
