from gonghui.core.aggregates import count, during
from gonghui.core.metrics import Metric, Source, register
from tests.example_app.models import Library

register(
    Metric(
        key="example.libraries",
        name="新建职工书屋数",
        unit="个",
        source=Source.rows_of("example.library", Library),
        aggregates=count(during("established_on")),
        synonyms=("职工书屋", "新建职工书屋"),
        description="考核期内建立的职工书屋数",
    )
)
