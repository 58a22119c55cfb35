"""Reading problems: what the tool could not read with confidence. Never errors of the disclosure.

Each finding is a warning (``reading.unreadable_cell``: info, one per cell) and says 本工具未能识别
(the tool could not read), so that a reader checks the page instead of doubting the publisher.
"""
