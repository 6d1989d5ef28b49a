"""`gonghui demo [--size small|district|city] [--password PW] [--json]`: load demo data once."""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gonghui.demo.accounts import DEFAULT_PASSWORD
from gonghui.demo.build import SIZES, load_demo
from gonghui.demo.report import render


class Command(BaseCommand):
    help = "加载演示数据（示范区总工会、用人单位、会员和各角色演示账号）；可重复执行，不会重复加载"

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=list(SIZES),
            default="district",
            help="规模：small（测试用，约200名会员）、district（约4万名会员）、city（约100万名会员）",
        )
        parser.add_argument(
            "--password",
            help="演示账号密码（仅调试模式下可省略，默认 Gonghui@2026）；"
            "指定时重设全部演示账号密码",
        )
        parser.add_argument("--json", action="store_true", help="只输出 JSON（账号与统计数）")

    def handle(self, *args, **options):
        size, password, as_json = options["size"], options["password"], options["json"]
        if password is None and not settings.DEBUG:
            # The default demo password is published in the README: it must never open a
            # production installation.
            raise CommandError(
                "关闭调试模式运行时必须用 --password 指定演示账号密码"
                f"（不能使用公开的默认密码 {DEFAULT_PASSWORD}）；演示账号首次登录须修改密码。"
            )
        if password is not None:
            try:
                validate_password(password)
            except ValidationError as exc:
                raise CommandError("演示账号密码不符合要求：" + "；".join(exc.messages)) from exc
        started = time.monotonic()

        def log(message: str) -> None:
            self.stderr.write(f"[{time.monotonic() - started:6.1f}s] {message}")

        result = load_demo(size=size, password=password, log=log)
        if as_json:
            if result.size is not result.requested:
                self.stderr.write(
                    f"已存在“{result.size.label}”演示数据，与本次要求的“{result.requested.label}”"
                    "不同；保留现有数据，未重复加载。"
                )
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(render(result))
        if result.created:
            self.stdout.write(f"\n用时 {time.monotonic() - started:.1f} 秒。")
