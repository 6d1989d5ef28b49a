from gonghui.core.selectors import scoped_reads
from tests.example_app.models import Library

libraries_for, get_library_for = scoped_reads(Library, "org_unit")
