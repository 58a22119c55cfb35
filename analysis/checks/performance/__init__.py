"""Performance targets (整体/项目绩效目标表): one module per check.

The 项目概况 and 立项依据 fields are read by the parser (``PerformanceTarget.overview`` and
``.basis``); the checks never re-read the source file.
"""
