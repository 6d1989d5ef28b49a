"""Chinese names of the audit actions written by democracy."""

from gonghui.core.audit import register_action_labels

register_action_labels(
    {
        "democracy.congress.created": "新建职代会",
        "democracy.congress.updated": "修改职代会",
        "democracy.congress.ended": "职代会停止运行",
        "democracy.representative.added": "增加职工代表",
        "democracy.representative.updated": "修改职工代表",
        "democracy.session.created": "登记职代会会议",
        "democracy.session.updated": "修改职代会会议",
        "democracy.session.reported": "登记职代会报告上级",
        "democracy.disclosure.created": "登记厂务公开",
        "democracy.disclosure.updated": "修改厂务公开",
        "democracy.board.created": "登记董事会、监事会",
        "democracy.board.updated": "修改董事会、监事会",
        "democracy.board_seat.added": "登记职工董事/监事",
        "democracy.board_seat.ended": "职工董事/监事离任",
        "democracy.demo.loaded": "加载民主管理演示数据",
    }
)
