"""The check tests read the registry: every check module is imported (registered) first."""
from analysis.checks import load_checks

load_checks()
