import django_filters

from gonghui.core.tables import Column, Table, choice_filter
from tests.example_app.models import Level


class LibraryFilter(django_filters.FilterSet):
    level = choice_filter("示范等级", Level.choices)
    active = choice_filter("开放状态", (("1", "正常开放"), ("0", "暂停开放")))


class LibraryTable(Table):
    title = "职工书屋"
    columns = [
        Column("name", "书屋名称", sort="name", link=True),
        Column("level", "示范等级", sort="level"),
        Column("established_on", "建立日期", sort="established_on"),
        Column("books", "藏书（册）", sort="books", numeric=True),
        Column("funding", "年度经费（元）", sort="funding", numeric=True),
        Column("active", "开放状态", value=lambda o: "正常开放" if o.active else "暂停开放"),
        Column("org_unit.name", "所属工会", sort="org_unit__path"),
    ]
    filterset_class = LibraryFilter
    search_fields = ["name", "org_unit__name"]
    search_placeholder = "书屋或工会名称"
    default_sort = "-established_on"
    empty_text = "暂无职工书屋"
