"""One import machinery for every spreadsheet upload (名册, 职代会台账, 集体合同台账).

- ``columns``: the column spec (Chinese header, synonyms, parser, dictionary, help text);
- ``cells``: typed cell parsers with Chinese error messages;
- ``limits``: bounded reading, checked before calamine parses anything;
- ``reader``: python-calamine reading, header mapping, rows with their Excel row numbers;
- ``runner``: all-or-nothing: validate every row, write all in one transaction or nothing;
- ``template``: the downloadable template with dropdowns and a 说明 sheet;
- ``report``: the error report (the bad rows plus a 错误说明 column).
"""
