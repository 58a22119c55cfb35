"""“三公”经费 against what the projects plan."""
