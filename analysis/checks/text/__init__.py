"""Text and logic (文字与逻辑): the mistakes a careful reader catches first, in the words of the
document rather than in its tables: a comparison stated in words that its own amounts contradict,
placeholders left in, years that disagree with the document's year, a table of contents that
disagrees with the tables, blank tables whose amounts the narrative states, empty-table notes that
name the wrong fund, editorial slips. Each check names the page and quotes the sentence."""
