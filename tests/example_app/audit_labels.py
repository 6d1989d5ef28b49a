from gonghui.core.audit import register_action_labels

register_action_labels(
    {"example.library.created": "登记职工书屋", "example.library.updated": "修改职工书屋"}
)
